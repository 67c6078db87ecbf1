/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, dateTime, LoadingState } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock, SimPod } from '../../../../tools/kube-sim';
import { simGet } from '../../../../tools/kube-sim/server/client';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { parseKubeletLog } from './logLines';
import { DEFAULT_LOG_LIMIT_BYTES, LogsQuery } from '../../types';
import { logsModule } from './logsQuery';
import { LogsFrameCustomMeta } from './logsFrame';
import { kubeSimForTests } from '../../testing/kubeSim';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 8, seed: 3, clock: manualClock(START) });

const HOUR = 3_600_000;

function setup(range?: { from: number; to: number }, opts: TestContextOptions = {}) {
  const t = testContext(sim(), opts);
  if (range) {
    t.ctx.range = {
      from: dateTime(range.from),
      to: dateTime(range.to),
      raw: { from: dateTime(range.from), to: dateTime(range.to) },
    };
  }
  return t;
}

async function run(
  q: Partial<LogsQuery>,
  range: { from: number; to: number } | undefined = { from: START - HOUR, to: START },
  opts: TestContextOptions = {}
): Promise<DataQueryResponse> {
  const { ctx, vars } = setup(range, opts);
  const query = { refId: 'A', queryType: 'logs', ...q } as LogsQuery;
  return lastValueFrom(logsModule.run(ctx, logsModule.resolve(query, vars), query));
}

function frameOf(r: DataQueryResponse): DataFrame {
  expect(r.errors ?? []).toEqual([]);
  expect(r.data).toHaveLength(1);
  return r.data[0] as DataFrame;
}

const values = <T = unknown>(frame: DataFrame, name: string) =>
  frame.fields.find((f) => f.name === name)!.values as T[];
const labelsOf = (frame: DataFrame) => values<Record<string, string>>(frame, 'labels');
const notices = (frame: DataFrame) => (frame.meta?.notices ?? []).map((n) => n.text);
const errorText = (r: DataQueryResponse) => (r.errors ?? []).map((e) => e.message).join('\n');

const pods = (pred: (p: SimPod) => boolean) => sim().cluster.pods.filter(pred);
const byApp = (app: string) => pods((p) => p.labels.app === app && !!p.nodeName);
/** a running pod with one container that writes at least a line a second */
const chatty = () =>
  pods(
    (p) =>
      !!p.nodeName && p.containers.length === 1 && p.containers[0].state === 'running' && p.containers[0].logRate >= 1
  )[0];

/** The container's log as the API serves it, parsed: what the query is compared with. */
async function direct(pod: SimPod, container: string, query: string) {
  const url = `${sim().url}/api/v1/namespaces/${pod.namespace}/pods/${pod.name}/log?container=${container}&timestamps=true&${query}`;
  const res = await simGet(url, { token: sim().token });
  expect(res.status).toBe(200);
  return parseKubeletLog(res.body, { namespace: pod.namespace, pod: pod.name, container });
}

const logRequests = () => sim().faults.requests.filter((r) => r.path.endsWith('/log'));

function nonDecreasing(frame: DataFrame): boolean {
  const t = values<number>(frame, 'timestamp');
  return t.every((v, i) => i === 0 || v >= t[i - 1]);
}

describe('logs query: sources', () => {
  it('reads one pod over the time range with timestamps, sinceTime in seconds and the default byte cap', async () => {
    const pod = chatty();
    const from = START - 10 * 60_000 + 250;
    const r = await run({ namespace: pod.namespace, podName: pod.name }, { from, to: START });
    const frame = frameOf(r);
    expect(r.state).toBe(LoadingState.Done);
    expect(r.key).toBe('A');
    expect(frame.meta?.preferredVisualisationType).toBe('logs');
    expect(frame.length).toBeGreaterThan(100);
    expect(new Set(labelsOf(frame).map((l) => JSON.stringify(l)))).toEqual(
      new Set([
        JSON.stringify({
          namespace: pod.namespace,
          pod: pod.name,
          container: pod.containers[0].name,
          node: pod.nodeName,
        }),
      ])
    );
    const [req] = logRequests();
    expect(req.query).toMatchObject({
      container: pod.containers[0].name,
      timestamps: 'true',
      sinceTime: new Date(Math.floor(from / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      limitBytes: String(DEFAULT_LOG_LIMIT_BYTES),
    });
    expect(req.query.follow).toBeUndefined();
    // the same lines the API has for that window, cut to the exact bounds
    const expected = await direct(pod, pod.containers[0].name, `sinceTime=${req.query.sinceTime}`);
    const inRange = expected.body.filter((_, i) => expected.timeMs[i] >= from && expected.timeMs[i] <= START);
    expect(values(frame, 'body')).toEqual(inRange);
  });

  it('drops lines before the exact start and after the end, which the API cannot (it keeps whole seconds)', async () => {
    const pod = chatty();
    // a start in the middle of a second that has lines before it
    const all = await direct(pod, pod.containers[0].name, `sinceTime=${new Date(START - 120_000).toISOString()}`);
    const k = all.timeMs.findIndex((t) => t % 1000 > 300);
    const from = all.timeMs[k] - 1;
    const to = all.timeMs[k + 20];
    expect(all.timeMs.some((t) => t < from && t >= Math.floor(from / 1000) * 1000)).toBe(true);
    const frame = frameOf(await run({ namespace: pod.namespace, podName: pod.name }, { from, to }));
    const times = values<number>(frame, 'timestamp');
    expect(times.length).toBe(21);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(from);
    expect(Math.max(...times)).toBeLessThanOrEqual(to);
  });

  it('merges every pod a label selector matches, in time order, all containers of each', async () => {
    const frontends = byApp('frontend');
    expect(frontends.length).toBeGreaterThan(1);
    const frame = frameOf(
      await run({ namespace: 'shop', labelSelector: 'app=frontend' }, { from: START - 60_000, to: START })
    );
    const seen = new Set(labelsOf(frame).map((l) => `${l.pod}/${l.container}`));
    // every container that runs for the pod's lifetime: sidecars (restartable init containers) too
    const lifetime = (p: (typeof frontends)[number]) => [
      ...p.initContainers.filter((c) => (c as typeof c & { restartPolicy?: string }).restartPolicy === 'Always'),
      ...p.containers,
    ];
    const expected = frontends.flatMap((p) => lifetime(p).map((c) => `${p.name}/${c.name}`));
    expect(seen).toEqual(new Set(expected));
    expect(nonDecreasing(frame)).toBe(true);
    let total = 0;
    for (const p of frontends) {
      for (const c of lifetime(p)) {
        const rows = await direct(p, c.name, `sinceTime=${new Date(START - 60_000).toISOString()}`);
        total += rows.timeMs.filter((t) => t >= START - 60_000 && t <= START).length;
      }
    }
    expect(frame.length).toBe(total);
    expect(new Set(values(frame, 'id')).size).toBe(frame.length);
  });

  it('reads one container when named, every regular container otherwise', async () => {
    const pod = byApp('frontend')[0];
    const one = frameOf(await run({ namespace: 'shop', podName: pod.name, container: 'istio-proxy' }));
    expect(new Set(labelsOf(one).map((l) => l.container))).toEqual(new Set(['istio-proxy']));
    const all = frameOf(await run({ namespace: 'shop', podName: pod.name }));
    expect(new Set(labelsOf(all).map((l) => l.container))).toEqual(new Set(['app', 'istio-proxy']));
    expect(all.length).toBeGreaterThan(one.length);
  });

  it('adds init containers only with includeInit', async () => {
    const pod = byApp('cart')[0];
    const init = pod.initContainers[0].name;
    const without = frameOf(await run({ namespace: 'shop', podName: pod.name, tailLines: 5 }, undefined));
    expect(labelsOf(without).some((l) => l.container === init)).toBe(false);
    const withInit = frameOf(
      await run({ namespace: 'shop', podName: pod.name, tailLines: 5, includeInit: true }, undefined)
    );
    const expected = await direct(pod, init, 'tailLines=5');
    expect(expected.count).toBeGreaterThan(0);
    expect(labelsOf(withInit).filter((l) => l.container === init)).toHaveLength(expected.count);
    // init containers first, as the API server lists them
    expect(logRequests().find((r) => r.query.container === init)).toBeDefined();
  });

  it('reads the previous instance of a restarted container', async () => {
    const pod = byApp('cart').find((p) => p.containers.some((c) => c.hasPrevious && c.state === 'running'))!;
    const c = pod.containers.find((x) => x.hasPrevious)!;
    const frame = frameOf(
      await run({ namespace: 'shop', podName: pod.name, container: c.name, previous: true, tailLines: 20 }, undefined)
    );
    // the old instance's last 20 lines, then how it ended
    expect(frame.length).toBe(21);
    expect(labelsOf(frame).filter((l) => !l.marker)).toHaveLength(20);
    expect(values<string>(frame, 'body')[20]).toBe(`${c.name} restarted: OOMKilled, exit 137`);
    expect(Math.max(...values<number>(frame, 'timestamp'))).toBeLessThan(c.startedAtMs);
    expect(logRequests()[0].query.previous).toBe('true');
  });

  it('reads the last N lines per container with tailLines instead of the time range', async () => {
    const pod = byApp('frontend')[0];
    const frame = frameOf(
      await run({ namespace: 'shop', podName: pod.name, tailLines: 7 }, { from: START - 1000, to: START })
    );
    const perContainer = new Map<string, number>();
    for (const l of labelsOf(frame)) {
      perContainer.set(l.container, (perContainer.get(l.container) ?? 0) + 1);
    }
    expect([...perContainer.values()]).toEqual([7, 7]);
    for (const r of logRequests()) {
      expect(r.query.tailLines).toBe('7');
      expect(r.query.sinceTime).toBeUndefined();
    }
  });

  it('says which containers hit the byte cap, and shows only whole lines', async () => {
    const pod = chatty();
    const name = pod.containers[0].name;
    const r = await run({ namespace: pod.namespace, podName: pod.name, limitBytes: 3000 });
    const frame = frameOf(r);
    expect((frame.meta?.custom as LogsFrameCustomMeta).capped).toBe(true);
    expect(notices(frame).join('\n')).toContain(`${pod.namespace}/${pod.name}/${name}`);
    const full = await direct(pod, name, `sinceTime=${new Date(START - HOUR).toISOString()}`);
    const bodies = values<string>(frame, 'body');
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies).toEqual(full.body.slice(0, bodies.length));
    const uncapped = frameOf(await run({ namespace: pod.namespace, podName: pod.name }));
    expect((uncapped.meta?.custom as LogsFrameCustomMeta).capped).toBe(false);
  });

  it('tells when a pod is not scheduled to a node', async () => {
    const pending = pods((p) => !p.nodeName)[0];
    const frame = frameOf(await run({ namespace: pending.namespace, podName: pending.name }));
    expect(frame.length).toBe(0);
    expect(notices(frame).join('\n')).toContain('not scheduled');
    expect(logRequests()).toHaveLength(0);
  });
});

describe('logs query: restart markers', () => {
  /** the cart replica the sim restarted after an OOMKill, and when its previous instance ended */
  const oomKilled = () => {
    const pod = pods((p) => !!p.nodeName && p.containers.some((c) => c.lastReason === 'OOMKilled' && c.hasPrevious))[0];
    const c = pod.containers.find((x) => x.lastReason === 'OOMKilled')!;
    return { pod, c, endedMs: Math.floor((c.startedAtMs - 1000) / 1000) * 1000 };
  };

  it('shows where the previous instance ended, with its reason and exit code, among the lines', async () => {
    const { pod, c, endedMs } = oomKilled();
    const r = await run({ namespace: pod.namespace, podName: pod.name }, { from: endedMs - 60_000, to: START });
    const frame = frameOf(r);
    const bodies = values<string>(frame, 'body');
    const at = bodies.indexOf(`${c.name} restarted: OOMKilled, exit 137`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(values<number>(frame, 'timestamp')[at]).toBe(endedMs);
    expect(values<string>(frame, 'severity')[at]).toBe('error');
    expect(labelsOf(frame)[at]).toMatchObject({ pod: pod.name, container: c.name, marker: 'restart' });
    // in time order with the container's own lines, and exactly once
    const times = values<number>(frame, 'timestamp');
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
    expect(bodies.filter((b) => b.includes('restarted:'))).toHaveLength(1);
  });

  it('leaves it out when the restart is before the time range', async () => {
    const { pod, endedMs } = oomKilled();
    const r = await run({ namespace: pod.namespace, podName: pod.name }, { from: endedMs + 1000, to: START });
    expect(values<string>(frameOf(r), 'body').some((b) => b.includes('restarted:'))).toBe(false);
  });
});

describe('logs query: pod events in the stream', () => {
  /** the crash-looping checkout pod: its kubelet keeps backing off */
  const checkout = () => byApp('checkout')[0];

  it('puts the pod events among the lines, in the container stream they name, when asked', async () => {
    const pod = checkout();
    const c = pod.containers[0];
    const frame = frameOf(await run({ namespace: pod.namespace, podName: pod.name, events: true }));
    const bodies = values<string>(frame, 'body');
    const at = bodies.findIndex((b) => b.startsWith(`BackOff: Back-off restarting failed container ${c.name}`));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(values<string>(frame, 'severity')[at]).toBe('warning');
    expect(labelsOf(frame)[at]).toMatchObject({ pod: pod.name, container: c.name, marker: 'event' });
    const times = values<number>(frame, 'timestamp');
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
    const ids = values<string>(frame, 'id');
    expect(new Set(ids).size).toBe(ids.length);
    const [req] = sim().faults.requests.filter((r) => r.path.endsWith('/events'));
    expect(req.query.fieldSelector).toBe(`involvedObject.kind=Pod,involvedObject.name=${pod.name}`);
  });

  it('reads no events unless asked', async () => {
    const pod = checkout();
    const frame = frameOf(await run({ namespace: pod.namespace, podName: pod.name }));
    expect(labelsOf(frame).some((l) => l.marker === 'event')).toBe(false);
    expect(sim().faults.requests.some((r) => r.path.endsWith('/events'))).toBe(false);
  });

  it('still shows the lines, with a notice naming the permission, when events may not be listed', async () => {
    const pod = checkout();
    sim().faults.deny('events');
    const frame = frameOf(await run({ namespace: pod.namespace, podName: pod.name, events: true }));
    expect(frame.length).toBeGreaterThan(0);
    expect(notices(frame).join('\n')).toMatch(/^Pod events are not shown: .*events/m);
  });
});

describe('logs query: errors', () => {
  it('names a pod that does not exist', async () => {
    const r = await run({ namespace: 'shop', podName: 'gone-pod' });
    expect(r.data).toEqual([]);
    expect(errorText(r)).toContain('Pod shop/gone-pod no longer exists');
  });

  it('says a container has no previous instance', async () => {
    const pod = byApp('frontend')[0];
    const r = await run({ namespace: 'shop', podName: pod.name, container: 'app', previous: true });
    expect(errorText(r)).toContain(
      `Container app of pod shop/${pod.name} has no previous instance: it has not restarted`
    );
  });

  it('says a container is waiting to start', async () => {
    const pod = byApp('frontend')[0];
    const c = pod.containers[0];
    const saved = { ...c };
    Object.assign(c, { state: 'waiting', reason: 'ContainerCreating', hasPrevious: false, ready: false });
    try {
      const r = await run({ namespace: 'shop', podName: pod.name, container: c.name });
      expect(errorText(r)).toContain(
        `Container ${c.name} of pod shop/${pod.name} is waiting to start (ContainerCreating)`
      );
    } finally {
      Object.assign(c, saved);
    }
  });

  it('names the get pods/log permission when it is denied', async () => {
    sim().faults.deny('pods/log');
    const pod = chatty();
    const r = await run({ namespace: pod.namespace, podName: pod.name });
    expect(errorText(r)).toContain('get pods/log');
  });

  it('names the node whose kubelet cannot be reached', async () => {
    const pod = chatty();
    sim().faults.unreachableNode(pod.nodeName);
    const r = await run({ namespace: pod.namespace, podName: pod.name });
    expect(errorText(r)).toContain(`kubelet on node ${pod.nodeName}`);
  });

  it('answers with the containers that work and a notice for the one that fails', async () => {
    const pod = byApp('cart').find((p) => p.containers.some((c) => c.hasPrevious && c.state === 'running'))!;
    const restarted = pod.containers.find((c) => c.hasPrevious)!.name;
    const other = pod.containers.find((c) => !c.hasPrevious)!.name;
    const frame = frameOf(await run({ namespace: 'shop', podName: pod.name, previous: true, tailLines: 10 }));
    expect(new Set(labelsOf(frame).map((l) => l.container))).toEqual(new Set([restarted]));
    expect(notices(frame).join('\n')).toContain(`Container ${other} of pod shop/${pod.name} has no previous instance`);
  });

  it('rejects invalid names and incomplete queries before any request', () => {
    const before = sim().faults.requests.length;
    const { vars } = setup(undefined, { vars: { pod: '../../nodes' } });
    const q = (x: Partial<LogsQuery>) => ({ refId: 'A', queryType: 'logs', ...x }) as LogsQuery;
    expect(() => logsModule.resolve(q({ namespace: 'shop', podName: 'Bad_Name' }), vars)).toThrow(
      /not a valid pod name/
    );
    expect(() => logsModule.resolve(q({ namespace: 'shop', podName: '$pod' }), vars)).toThrow(/not a valid pod name/);
    expect(() => logsModule.resolve(q({ namespace: 'shop', podName: 'x', container: 'A B' }), vars)).toThrow(
      /not a valid container name/
    );
    expect(() => logsModule.resolve(q({ namespace: 'shop' }), vars)).toThrow(/Choose a pod, or a label selector/);
    expect(() => logsModule.resolve(q({ podName: 'web-1' }), vars)).toThrow(/needs its namespace/);
    expect(() => logsModule.resolve(q({ namespace: 'shop', podName: 'x', limitBytes: 0 }), vars)).toThrow(/Byte limit/);
    expect(() => logsModule.resolve(q({ namespace: 'shop', podName: 'x', tailLines: -1 }), vars)).toThrow(/Tail lines/);
    expect(sim().faults.requests.length).toBe(before);
  });
});
