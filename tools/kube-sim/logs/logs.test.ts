/** @jest-environment node */
import { MAX_RETAINED_ENTRIES, podLogStream, podLogs, type PodLogOptions, type PodLogResult } from './logs';
import type { SimCluster, SimPod } from '../cluster/model';
import { T0, container, pod, podNamed, testCluster } from '../cluster/testCluster';

const cluster = testCluster();
const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z) /;

function ok(r: PodLogResult): string {
  if (!r.ok) {
    throw new Error(`expected a body, got ${r.status} ${r.message}`);
  }
  return r.body;
}

function logs(name: string, opts: PodLogOptions = {}, nowMs = T0, c: SimCluster = cluster): string {
  return ok(podLogs(c, podNamed(c, name), opts, nowMs));
}

function lines(body: string): string[] {
  expect(body === '' || body.endsWith('\n')).toBe(true);
  return body === '' ? [] : body.slice(0, -1).split('\n');
}

/** Line times as ns-precision strings, which sort like the times they spell. */
function stamps(body: string): string[] {
  return lines(body).map((l) => TS.exec(l)![1]);
}

function msOf(stamp: string): number {
  return Date.parse(stamp.slice(0, 23) + 'Z');
}

describe('container choice and state errors', () => {
  it.each<[string, PodLogOptions, number, string]>([
    ['web-0', {}, 400, 'a container name must be specified for pod web-0, choose one of: [init-db app sidecar]'],
    ['web-0', { container: 'nope' }, 400, 'container nope is not valid for pod web-0'],
    ['single', { previous: true }, 400, 'previous terminated container "main" in pod "single" not found'],
    ['new-1', {}, 400, 'container "app" in pod "new-1" is waiting to start: ContainerCreating'],
    [
      'badimage-1',
      {},
      400,
      'container "app" in pod "badimage-1" is waiting to start: trying and failing to pull image',
    ],
    [
      'single',
      { tailLines: -1 },
      422,
      'PodLogOptions "single" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'single',
      { limitBytes: 0 },
      422,
      'PodLogOptions "single" is invalid: limitBytes: Invalid value: 0: must be greater than 0',
    ],
    [
      'single',
      { sinceSeconds: 0 },
      422,
      'PodLogOptions "single" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0',
    ],
  ])('%s %j -> %i %s', (name, opts, status, message) => {
    const r = podLogs(cluster, podNamed(cluster, name), opts, T0);
    expect(r).toEqual({ ok: false, status, message, reason: status === 422 ? 'Invalid' : 'BadRequest' });
  });

  it('rejects sinceSeconds together with sinceTime, and an unparsable sinceTime', () => {
    const both = podLogs(
      cluster,
      podNamed(cluster, 'single'),
      { sinceSeconds: 5, sinceTime: '2026-11-23T10:00:00Z' },
      T0
    );
    expect(both).toMatchObject({ ok: false, status: 422, reason: 'Invalid' });
    expect(!both.ok && both.message).toContain('at most one of `sinceTime` or `sinceSeconds` may be specified');
    expect(podLogs(cluster, podNamed(cluster, 'single'), { sinceTime: 'yesterday' }, T0)).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('names the reason of other waiting containers', () => {
    const p = pod({
      name: 'pull-1',
      containers: [container({ name: 'app', state: 'waiting', reason: 'ErrImagePull', startedAtMs: 0 })],
    });
    expect(podLogs(cluster, p, {}, T0)).toMatchObject({
      message: `container "app" in pod "pull-1" is waiting to start: image can't be pulled`,
    });
  });

  it('asks for a container name when the pod has none', () => {
    const p = pod({ name: 'empty', containers: [] });
    expect(podLogs(cluster, p, {}, T0)).toMatchObject({
      status: 400,
      message: 'a container name must be specified for pod empty',
    });
  });

  it('defaults to the only regular container even when there are init containers', () => {
    const p: SimPod = { ...podNamed(cluster, 'web-0'), containers: [podNamed(cluster, 'web-0').containers[0]] };
    expect(ok(podLogs(cluster, p, { tailLines: 2 }, T0))).toBe(logs('web-0', { container: 'app', tailLines: 2 }));
  });

  it('answers an unscheduled pod with an empty body, after checking the container', () => {
    expect(podLogs(cluster, podNamed(cluster, 'pending-1'), {}, T0)).toEqual({ ok: true, body: '' });
    expect(podLogs(cluster, podNamed(cluster, 'pending-1'), { container: 'x' }, T0)).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe('content', () => {
  it('is deterministic and depends on the cluster seed', () => {
    const a = logs('single', { tailLines: 50 });
    expect(logs('single', { tailLines: 50 }, T0, testCluster())).toBe(a);
    expect(logs('single', { tailLines: 50 }, T0, { ...testCluster(), seed: 7 })).not.toBe(a);
  });

  it('writes from the container start, starting with a banner, at roughly logRate lines per second', () => {
    const api = podNamed(cluster, 'api-5f6c8').containers[0];
    const body = logs('api-5f6c8', { timestamps: true });
    const ls = lines(body);
    expect(ls[0]).toContain('msg="starting api version 1.0.0"');
    expect(msOf(stamps(body)[0])).toBeGreaterThanOrEqual(api.startedAtMs);
    const seconds = (T0 - api.startedAtMs) / 1000;
    expect(ls.length).toBeGreaterThan(seconds * api.logRate * 0.95);
    expect(ls.length).toBeLessThan(seconds * api.logRate * 1.05);
  });

  it('mixes levels and has some long lines', () => {
    const body = logs('api-5f6c8');
    for (const level of ['debug', 'info', 'warn', 'error']) {
      expect(body).toContain(`level=${level} `);
    }
    expect(lines(body).some((l) => l.length > 500)).toBe(true);
  });

  it('formats each log style', () => {
    const json = lines(logs('web-0', { container: 'app', tailLines: 40 }));
    for (const l of json) {
      const o = JSON.parse(l);
      expect(o.level).toMatch(/^(debug|info|warn|error)$/);
      expect(typeof o.ts).toBe('number');
      expect(typeof o.msg).toBe('string');
    }
    for (const l of lines(logs('api-5f6c8', { tailLines: 40 }))) {
      expect(l).toMatch(/^ts=\S+ level=(debug|info|warn|error) caller=\S+ msg=".*"$/);
    }
    for (const l of lines(logs('ui-1', { tailLines: 40 }))) {
      expect(l).toMatch(/^\x1b\[90m[^\x1b]+\x1b\[0m \x1b\[3[1-6]m(DEBUG|INFO |WARN |ERROR)\x1b\[0m /);
    }
    for (const l of lines(logs('single', { tailLines: 40 }))) {
      expect(l).toMatch(/^(DEBUG|INFO|WARN|ERROR) \S/);
    }
  });

  it('follows a Java ERROR line with a multi-line stack trace', () => {
    const ls = lines(logs('checkout-7d4b9', { previous: true }));
    const i = ls.findIndex((l) => / ERROR 1 --- /.test(l));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(ls[i + 1]).toMatch(/^[a-z.]+\.[A-Za-z]+(Exception|Error): /);
    expect(ls[i + 2]).toMatch(/^\tat com\.example\./);
  });

  it('keeps quiet containers quiet', () => {
    const ls = lines(logs('reloader-1'));
    expect(ls.length).toBeGreaterThan(5);
    expect(ls.length).toBeLessThan(60);
  });

  it('only writes ASCII, so byte limits and character counts agree', () => {
    const body =
      logs('checkout-7d4b9', { previous: true }) + logs('web-0', { container: 'app', tailLines: 500 }) + logs('ui-1');
    expect(/^[\x00-\x7f]*$/.test(body)).toBe(true);
  });
});

describe('previous instances and ended containers', () => {
  it('gives the previous instance its own lines, ending with its last words before the restart', () => {
    const api = podNamed(cluster, 'api-5f6c8').containers[0];
    const prev = logs('api-5f6c8', { previous: true, timestamps: true });
    const times = stamps(prev).map(msOf);
    expect(times[times.length - 1]).toBeLessThan(api.startedAtMs);
    expect(times[0]).toBeGreaterThanOrEqual(podNamed(cluster, 'api-5f6c8').startMs);
    // it was OOM killed: no panic, just what it was doing when the kernel stepped in
    expect(lines(prev).pop()).toContain('high memory usage');
    expect(prev).not.toBe(logs('api-5f6c8', { timestamps: true }));
  });

  it('ends a crashed instance with a panic or a fatal exception', () => {
    const p = pod({
      name: 'go-1',
      containers: [
        container({
          name: 'go',
          hasPrevious: true,
          restartCount: 1,
          lastReason: 'Error',
          lastExitCode: 2,
          startedAtMs: T0 - 600_000,
        }),
      ],
    });
    const prev = lines(ok(podLogs(cluster, p, { previous: true }, T0)));
    expect(prev).toContain('panic: runtime error: invalid memory address or nil pointer dereference');
    expect(prev).toContain('goroutine 1 [running]:');
    const java = lines(logs('checkout-7d4b9', { previous: true }));
    expect(java.slice(-7)[0]).toBe(
      'Exception in thread "main" java.lang.IllegalStateException: Failed to load ApplicationContext'
    );
  });

  it('serves the last run of a crash-looping container, as the kubelet does', () => {
    const c = podNamed(cluster, 'checkout-7d4b9').containers[0];
    const body = logs('checkout-7d4b9', { timestamps: true });
    expect(body).toBe(logs('checkout-7d4b9', { previous: true, timestamps: true }));
    const times = stamps(body).map(msOf);
    expect(times[0]).toBeGreaterThanOrEqual(c.startedAtMs);
    expect(times[times.length - 1]).toBeLessThanOrEqual(c.finishedAtMs!);
  });

  it('serves a completed container up to its finish, ending with a goodbye', () => {
    const job = podNamed(cluster, 'report-28913').containers[0];
    const body = logs('report-28913', { timestamps: true });
    const times = stamps(body).map(msOf);
    expect(times[times.length - 1]).toBeLessThanOrEqual(job.finishedAtMs!);
    expect(lines(body).pop()).toMatch(/report finished successfully, exiting$/);
    const init = logs('web-0', { container: 'init-db' });
    expect(lines(init).pop()).toBe('INFO init-db finished successfully, exiting');
  });
});

describe('options', () => {
  const full = logs('api-5f6c8', { timestamps: true });
  const fullLines = lines(full);

  it('prefixes RFC3339 timestamps with exactly nine fractional digits, in order', () => {
    const ts = stamps(full);
    expect(ts.length).toBe(fullLines.length);
    expect(ts).toEqual([...ts].sort());
    expect(lines(logs('api-5f6c8'))).toEqual(fullLines.map((l) => l.replace(TS, '')));
  });

  it('agrees with the time the application itself printed', () => {
    for (const l of lines(logs('web-0', { container: 'app', tailLines: 20, timestamps: true }))) {
      const [, stamp] = TS.exec(l)!;
      const o = JSON.parse(l.replace(TS, ''));
      expect(o.ts.toFixed(6)).toBe((msOf(stamp) / 1000 + Number(stamp.slice(23, 26)) / 1e6).toFixed(6));
    }
  });

  it('tailLines keeps the last N lines, 0 keeps none, more than there are keeps all', () => {
    expect(logs('api-5f6c8', { tailLines: 7, timestamps: true })).toBe(fullLines.slice(-7).join('\n') + '\n');
    expect(logs('api-5f6c8', { tailLines: 0 })).toBe('');
    expect(logs('api-5f6c8', { tailLines: 10 ** 6, timestamps: true })).toBe(full);
  });

  it('tailLines counts stack trace lines as lines', () => {
    const prev = lines(logs('checkout-7d4b9', { previous: true }));
    expect(lines(logs('checkout-7d4b9', { previous: true, tailLines: 5 }))).toEqual(prev.slice(-5));
  });

  it('sinceTime keeps the lines at or after that second; sinceSeconds counts back from now', () => {
    const since = '2026-11-23T10:45:00Z';
    const kept = logs('api-5f6c8', { sinceTime: since, timestamps: true });
    const keptTimes = stamps(kept).map(msOf);
    expect(keptTimes.every((t) => t >= Date.parse(since))).toBe(true);
    expect(full.endsWith(kept)).toBe(true);
    expect(fullLines.length - lines(kept).length).toBe(stamps(full).filter((s) => msOf(s) < Date.parse(since)).length);
    expect(logs('api-5f6c8', { sinceSeconds: 15 * 60, timestamps: true })).toBe(kept);
    // the apiserver drops sub-second precision from sinceTime
    expect(logs('api-5f6c8', { sinceTime: '2026-11-23T10:45:00.999Z', timestamps: true })).toBe(kept);
  });

  it('tailLines applies to the lines sinceTime kept', () => {
    const kept = lines(logs('api-5f6c8', { sinceTime: '2026-11-23T10:59:00Z' }));
    expect(lines(logs('api-5f6c8', { sinceTime: '2026-11-23T10:59:00Z', tailLines: 3 }))).toEqual(kept.slice(-3));
    expect(lines(logs('api-5f6c8', { sinceTime: '2026-11-23T10:59:00Z', tailLines: 10_000 }))).toEqual(kept);
  });

  it('limitBytes cuts the body at N bytes, timestamps included, even mid-line', () => {
    const cut = logs('api-5f6c8', { timestamps: true, limitBytes: 100 });
    expect(cut).toBe(full.slice(0, 100));
    expect(cut.endsWith('\n')).toBe(false);
    expect(logs('api-5f6c8', { limitBytes: 10 ** 9, timestamps: true })).toBe(full);
    expect(logs('api-5f6c8', { limitBytes: 31, timestamps: true })).toBe(stamps(full)[0] + ' ');
  });

  it('follow returns what is there now; the stream continues it', () => {
    expect(logs('api-5f6c8', { follow: true, timestamps: true })).toBe(full);
    const next = podLogStream(cluster, podNamed(cluster, 'api-5f6c8'), { timestamps: true }, T0, T0 + 30_000);
    expect(full + next).toBe(logs('api-5f6c8', { timestamps: true }, T0 + 30_000));
  });
});

describe('follow stream', () => {
  const web = podNamed(cluster, 'web-0');
  const stream = (a: number, b: number, opts: PodLogOptions = { container: 'app', timestamps: true }) =>
    podLogStream(cluster, web, opts, a, b);

  it('splits a window into consecutive windows without duplicates or gaps', () => {
    const a = T0;
    const c = T0 + 20_000;
    const whole = stream(a, c);
    expect(lines(whole).length).toBeGreaterThan(40);
    for (const b of [a + 1, a + 333, a + 7_777, c - 1]) {
      expect(stream(a, b) + stream(b, c)).toBe(whole);
    }
    let pieces = '';
    for (let t = a; t < c; t += 250) {
      pieces += stream(t, t + 250);
    }
    expect(pieces).toBe(whole);
  });

  it('includes lines written in (from, to]', () => {
    for (const s of stamps(stream(T0, T0 + 5_000))) {
      expect(msOf(s)).toBeGreaterThan(T0);
      expect(msOf(s)).toBeLessThanOrEqual(T0 + 5_000);
    }
  });

  it('keeps Java stack traces whole across window edges', () => {
    const crashy = pod({
      name: 'java-1',
      containers: [container({ name: 'svc', logStyle: 'java', logRate: 50, startedAtMs: T0 - 60_000 })],
    });
    const whole = podLogStream(cluster, crashy, {}, T0, T0 + 60_000);
    expect(whole).toContain('\tat com.example.shop.OrderService.process');
    let pieces = '';
    for (let t = T0; t < T0 + 60_000; t += 7) {
      pieces += podLogStream(cluster, crashy, {}, t, t + 7);
    }
    expect(pieces).toBe(whole);
  });

  it('is empty for errors and ended instances', () => {
    expect(stream(T0, T0 + 10_000, {})).toBe('');
    expect(podLogStream(cluster, podNamed(cluster, 'report-28913'), {}, T0, T0 + 10_000)).toBe('');
  });
});

describe('bounded history', () => {
  it(`keeps only the last ${MAX_RETAINED_ENTRIES} lines of a long-running container`, () => {
    const ls = lines(logs('single', { timestamps: true }));
    expect(ls.length).toBe(MAX_RETAINED_ENTRIES);
    expect(ls[ls.length - 1]).toBe(lines(logs('single', { tailLines: 1, timestamps: true }))[0]);
    expect(lines(logs('single', { sinceTime: '2020-01-01T00:00:00Z' }))).toHaveLength(MAX_RETAINED_ENTRIES);
  });

  it('reads a window of a years-old chatty container without replaying its history', () => {
    const old = pod({
      name: 'old-1',
      containers: [container({ name: 'app', logRate: 150, startedAtMs: T0 - 5 * 365 * 86_400_000 })],
    });
    const tail = lines(ok(podLogs(cluster, old, { tailLines: 5, timestamps: true }, T0)));
    expect(tail).toHaveLength(5);
    expect(msOf(TS.exec(tail[4])![1])).toBeGreaterThan(T0 - 1000);
    expect(lines(podLogStream(cluster, old, {}, T0, T0 + 1000)).length).toBeGreaterThan(100);
  });
});
