import { firstValueFrom, lastValueFrom, Observable, of, Subject, throwError } from 'rxjs';

import { fanOut } from './fanOut';

/** fn for fanOut whose items the test finishes by hand, in any order; tracks how many run at once. */
function controlled() {
  const running = new Map<string, Subject<string>>();
  let max = 0;
  let cancelled = 0;
  const fn = (key: string) =>
    new Observable<string>((subscriber) => {
      const subject = new Subject<string>();
      running.set(key, subject);
      max = Math.max(max, running.size);
      const sub = subject.subscribe(subscriber);
      return () => {
        if (running.delete(key)) {
          cancelled++;
        }
        sub.unsubscribe();
      };
    });
  const finish = (key: string, value?: string, error?: unknown) => {
    const subject = running.get(key)!;
    running.delete(key);
    if (error !== undefined) {
      subject.error(error);
    } else {
      subject.next(value ?? `v-${key}`);
      subject.complete();
    }
  };
  return { fn, running, finish, max: () => max, cancelled: () => cancelled };
}

describe('fanOut', () => {
  it('never runs more than the bound at once and starts the next as one finishes', async () => {
    const c = controlled();
    const keys = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
    const done = lastValueFrom(fanOut(keys, c.fn, 3));
    expect([...c.running.keys()]).toEqual(['n1', 'n2', 'n3']);
    c.finish('n2');
    expect([...c.running.keys()]).toEqual(['n1', 'n3', 'n4']);
    // finish the rest out of order; each finish starts the next key
    const steps: Array<[string, string[]]> = [
      ['n4', ['n1', 'n3', 'n5']],
      ['n1', ['n3', 'n5', 'n6']],
      ['n5', ['n3', 'n6', 'n7']],
      ['n7', ['n3', 'n6']],
      ['n3', ['n6']],
      ['n6', []],
    ];
    for (const [key, after] of steps) {
      c.finish(key);
      expect([...c.running.keys()].sort()).toEqual(after);
    }
    const results = await done;
    expect(c.max()).toBe(3);
    expect(results.map((r) => r.key)).toEqual(keys);
    expect(results.map((r) => r.value)).toEqual(keys.map((k) => `v-${k}`));
  });

  it('keeps per-item errors as KubeErrors, in order, without failing the whole', async () => {
    const fetchError = {
      status: 403,
      data: 'Forbidden (user=apiserver, verb=get, resource=nodes, subresource(s)=[proxy])',
      config: {},
    };
    const results = await lastValueFrom(
      fanOut(['a', 'b', 'c'], (key) => (key === 'b' ? throwError(() => fetchError) : of(key.toUpperCase())), 2)
    );
    expect(results[0]).toEqual({ key: 'a', value: 'A' });
    expect(results[1].key).toBe('b');
    expect(results[1].value).toBeUndefined();
    expect(results[1].error).toMatchObject({ kind: 'forbidden', resource: 'nodes/proxy' });
    expect(results[2]).toEqual({ key: 'c', value: 'C' });
  });

  it('turns a synchronous throw of fn into that item’s error', async () => {
    const results = await lastValueFrom(
      fanOut(
        [1, 2],
        (n) => {
          if (n === 2) {
            throw new Error('bad key');
          }
          return of(n * 10);
        },
        4
      )
    );
    expect(results[0]).toEqual({ key: 1, value: 10 });
    expect(results[1].error).toMatchObject({ kind: 'unknown', message: 'bad key' });
  });

  it('emits [] at once for no keys', async () => {
    await expect(firstValueFrom(fanOut([], () => of(1), 8))).resolves.toEqual([]);
  });

  it('a bound below 1 still runs one at a time', async () => {
    const c = controlled();
    const done = lastValueFrom(fanOut(['x', 'y'], c.fn, 0));
    expect(c.running.size).toBe(1);
    c.finish('x');
    c.finish('y');
    await expect(done).resolves.toHaveLength(2);
  });

  it('unsubscribing cancels the running items and starts no more', () => {
    const c = controlled();
    const sub = fanOut(['a', 'b', 'c', 'd'], c.fn, 2).subscribe();
    sub.unsubscribe();
    expect(c.cancelled()).toBe(2);
    expect(c.running.size).toBe(0);
  });
});
