import { Observable, of, Subject, throwError } from 'rxjs';

import { RequestGate } from './requestGate';

/** Work that runs until the test ends it, counting starts. */
function work() {
  const started: Array<Subject<string>> = [];
  const make = () =>
    new Observable<string>((s) => {
      const subject = new Subject<string>();
      started.push(subject);
      const sub = subject.subscribe(s);
      return () => sub.unsubscribe();
    });
  return { started, make };
}

describe('RequestGate', () => {
  it('lets `size` through and queues the rest in order, passing each place on', () => {
    const gate = new RequestGate(2);
    const w = work();
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      gate.run(w.make).subscribe((v) => got.push(v));
    }
    expect(w.started).toHaveLength(2);
    expect({ inFlight: gate.inFlight, waiting: gate.waiting }).toEqual({ inFlight: 2, waiting: 2 });
    w.started[1].next('b');
    w.started[1].complete();
    expect(w.started).toHaveLength(3);
    w.started[0].error(new Error('x'));
    expect(w.started).toHaveLength(4);
    w.started[2].complete();
    w.started[3].complete();
    expect({ inFlight: gate.inFlight, waiting: gate.waiting }).toEqual({ inFlight: 0, waiting: 0 });
    expect(got).toEqual(['b']);
  });

  it('unsubscribing while queued leaves the queue and starts nothing', () => {
    const gate = new RequestGate(1);
    const w = work();
    const first = gate.run(w.make).subscribe();
    const queued = gate.run(w.make).subscribe();
    expect(gate.waiting).toBe(1);
    queued.unsubscribe();
    expect(gate.waiting).toBe(0);
    first.unsubscribe();
    expect(w.started).toHaveLength(1);
    expect(gate.inFlight).toBe(0);
  });

  it('unsubscribing a running one frees its place for the next', () => {
    const gate = new RequestGate(1);
    const w = work();
    const first = gate.run(w.make).subscribe();
    gate.run(w.make).subscribe();
    first.unsubscribe();
    expect(w.started).toHaveLength(2);
    expect(gate.inFlight).toBe(1);
  });

  it('work that ends at once, or throws while starting, gives its place back', () => {
    const gate = new RequestGate(1);
    const errors: unknown[] = [];
    gate.run(() => of(1)).subscribe();
    gate
      .run((): Observable<number> => {
        throw new Error('boom');
      })
      .subscribe({ error: (e) => errors.push(e) });
    gate.run(() => throwError(() => new Error('later'))).subscribe({ error: (e) => errors.push(e) });
    expect(errors).toHaveLength(2);
    expect(gate.inFlight).toBe(0);
  });

  it('a size below 1 is 1', () => {
    expect(new RequestGate(0).size).toBe(1);
    expect(new RequestGate(Number.NaN).size).toBe(1);
  });
});
