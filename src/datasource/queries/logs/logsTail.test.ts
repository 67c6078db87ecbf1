/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, dateTime, LoadingState } from '@grafana/data';
import { firstValueFrom, Observable, skip, Subject, Subscription } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { LogsQuery } from '../../types';
import { logsModule } from './logsQuery';
import { ResolvedLogsQuery } from './logsResolve';
import { kubeSimForTests } from '../../testing/kubeSim';
import { tailLogs } from './logsTail';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const clock = manualClock(START);
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 8, seed: 3, clock });

const values = <T = unknown>(frame: DataFrame, name: string) =>
  frame.fields.find((f) => f.name === name)!.values as T[];
const notices = (r: DataQueryResponse) =>
  ((r.data[0] as DataFrame | undefined)?.meta?.notices ?? []).map((n) => n.text);

const chattyPods = () =>
  sim().cluster.pods.filter(
    (p) =>
      !!p.nodeName && p.containers.length === 1 && p.containers[0].state === 'running' && p.containers[0].logRate >= 1
  );

/**
 * A tail whose polls are driven by hand: `tick()` starts the next poll, `next()` waits for the next response.
 * Responses are queued so none is missed between awaits.
 */
function driven(q: Partial<LogsQuery>, opts: { from?: number; maxLines?: number } = {}) {
  const { ctx, vars } = testContext(sim(), { nowMs: clock() });
  if (opts.from !== undefined) {
    ctx.range = { from: dateTime(opts.from), to: dateTime(clock()), raw: { from: 'now-5m', to: 'now' } };
  }
  const query = { refId: 'A', queryType: 'logs', live: true, ...q } as LogsQuery;
  const resolved = logsModule.resolve(query, vars) as ResolvedLogsQuery;
  const ticks = new Subject<void>();
  const queue: DataQueryResponse[] = [];
  const waiting: Array<(r: DataQueryResponse) => void> = [];
  let completed = false;
  const sub: Subscription = tailLogs(ctx, resolved, {
    pollIntervalMs: 2000,
    wait: () => ticks,
    maxLines: opts.maxLines,
  }).subscribe({
    next: (r) => {
      const w = waiting.shift();
      if (w) {
        w(r);
      } else {
        queue.push(r);
      }
    },
    complete: () => (completed = true),
  });
  return {
    next: () =>
      new Promise<DataQueryResponse>((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve))),
    tick: () => ticks.next(),
    stop: () => sub.unsubscribe(),
    get completed() {
      return completed;
    },
  };
}

function frameOf(r: DataQueryResponse): DataFrame {
  expect(r.errors ?? []).toEqual([]);
  return r.data[0] as DataFrame;
}

describe('live tail', () => {
  it('appends new lines as the clock moves, with no duplicate and no gap at poll boundaries', async () => {
    const pod = chattyPods()[0];
    const from = clock() - 30_000;
    const tail = driven({ namespace: pod.namespace, podName: pod.name }, { from });
    const first = await tail.next();
    expect(first.state).toBe(LoadingState.Streaming);
    expect(first.key).toBe('A');
    const firstIds = values<string>(frameOf(first), 'id');
    expect(firstIds.length).toBeGreaterThan(10);

    // several polls, each after the clock moved by less than a second and more: boundaries fall mid-second
    let last = first;
    for (const step of [700, 1300, 450, 2000]) {
      clock.advance(step);
      tail.tick();
      last = await tail.next();
    }
    tail.stop();
    const ids = values<string>(frameOf(last), 'id');
    expect(ids.slice(0, firstIds.length)).toEqual(firstIds);
    expect(new Set(ids).size).toBe(ids.length);

    // exactly the lines a one-off query over the whole window finds
    const { ctx, vars } = testContext(sim(), { nowMs: clock() });
    ctx.range = { from: dateTime(from), to: dateTime(clock()), raw: { from: 'now-5m', to: 'now' } };
    const query = { refId: 'A', queryType: 'logs', namespace: pod.namespace, podName: pod.name } as LogsQuery;
    const once = await firstValueFrom(logsModule.run(ctx, logsModule.resolve(query, vars), query));
    expect(ids).toEqual(values<string>(frameOf(once), 'id'));
    expect(ids.length).toBeGreaterThan(firstIds.length);
  });

  it('reads from the second of the last line seen, never with follow=true', async () => {
    const pod = chattyPods()[0];
    const tail = driven({ namespace: pod.namespace, podName: pod.name, tailLines: 5 });
    const first = frameOf(await tail.next());
    expect(first.length).toBe(5);
    const lastTime = values<number>(first, 'timestamp')[4];
    clock.advance(3000);
    tail.tick();
    await tail.next();
    tail.stop();
    const reads = sim().faults.requests.filter((r) => r.path.endsWith('/log'));
    expect(reads[0].query.tailLines).toBe('5');
    expect(reads[1].query.tailLines).toBeUndefined();
    expect(reads[1].query.sinceTime).toBe(
      new Date(Math.floor(lastTime / 1000) * 1000).toISOString().replace('.000Z', 'Z')
    );
    expect(reads.every((r) => r.query.follow === undefined)).toBe(true);
  });

  it('notices a restarted container and goes on with the new instance', async () => {
    const pod = chattyPods()[1];
    const c = pod.containers[0];
    const saved = { ...c };
    const tail = driven({ namespace: pod.namespace, podName: pod.name, tailLines: 3 });
    try {
      await tail.next();
      clock.advance(5000);
      Object.assign(c, { restartCount: c.restartCount + 1, hasPrevious: true, startedAtMs: clock() - 2000 });
      tail.tick();
      const r = await tail.next();
      expect(notices(r).join('\n')).toContain(`Container ${c.name} of pod ${pod.namespace}/${pod.name} restarted`);
      const times = values<number>(frameOf(r), 'timestamp');
      expect(times[times.length - 1]).toBeGreaterThanOrEqual(clock() - 2000);
      const ids = values<string>(frameOf(r), 'id');
      expect(new Set(ids).size).toBe(ids.length);
      // the restart is a row of the stream, at the time the old instance ended (the sim: a second before the new one)
      const bodies = values<string>(frameOf(r), 'body');
      const at = bodies.indexOf(`${c.name} restarted: Error, exit 1`);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(times[at]).toBe(Math.floor((clock() - 3000) / 1000) * 1000);
      expect(values<Record<string, string>>(frameOf(r), 'labels')[at]).toMatchObject({ marker: 'restart' });
      expect(values<string>(frameOf(r), 'severity')[at]).toBe('error');
      // what the old instance wrote last is read too
      expect(sim().faults.requests.some((q) => q.path.endsWith('/log') && q.query.previous === 'true')).toBe(true);
    } finally {
      tail.stop();
      Object.assign(c, saved);
    }
  });

  it('adds pod events to the stream as they happen, each once', async () => {
    const pod = chattyPods()[3];
    const c = pod.containers[0];
    const tail = driven({ namespace: pod.namespace, podName: pod.name, events: true }, { from: clock() - 60_000 });
    try {
      await tail.next();
      clock.advance(3000);
      sim().cluster.events.push({
        namespace: pod.namespace,
        name: `${pod.name}.killing`,
        uid: 'e-killing',
        type: 'Normal',
        reason: 'Killing',
        message: `Stopping container ${c.name}`,
        involvedObject: {
          kind: 'Pod',
          namespace: pod.namespace,
          name: pod.name,
          uid: pod.uid,
          fieldPath: `spec.containers{${c.name}}`,
        },
        count: 1,
        firstMs: clock() - 1000,
        lastMs: clock() - 1000,
        component: 'kubelet',
      });
      tail.tick();
      const r = await tail.next();
      const killing = (f: DataFrame) => values<string>(f, 'body').filter((b) => b.startsWith('Killing: '));
      expect(killing(frameOf(r))).toEqual([`Killing: Stopping container ${c.name}`]);
      const at = values<string>(frameOf(r), 'body').indexOf(`Killing: Stopping container ${c.name}`);
      expect(values<Record<string, string>>(frameOf(r), 'labels')[at]).toMatchObject({
        marker: 'event',
        container: c.name,
      });
      clock.advance(3000);
      tail.tick();
      expect(killing(frameOf(await tail.next()))).toHaveLength(1);
    } finally {
      tail.stop();
      sim().cluster.events = sim().cluster.events.filter((e) => e.uid !== 'e-killing');
    }
  });

  it('stops with a notice when the pod is deleted', async () => {
    const pod = chattyPods()[2];
    const all = sim().cluster.pods;
    const tail = driven({ namespace: pod.namespace, podName: pod.name, tailLines: 3 });
    try {
      await tail.next();
      sim().cluster.pods = all.filter((p) => p !== pod);
      clock.advance(2000);
      tail.tick();
      const r = await tail.next();
      expect(r.state).toBe(LoadingState.Done);
      expect(notices(r).join('\n')).toContain(`Pod ${pod.namespace}/${pod.name} no longer exists`);
      expect(values(frameOf(r), 'id')).toHaveLength(3);
      expect(tail.completed).toBe(true);
    } finally {
      tail.stop();
      sim().cluster.pods = all;
    }
  });

  it('attaches a pod that joins the selector while following (a rollout), without a new query', async () => {
    const frontends = sim().cluster.pods.filter((p) => p.labels.app === 'frontend');
    const newcomer = frontends[frontends.length - 1];
    const all = sim().cluster.pods;
    // the new pod is not there when the tail starts
    sim().cluster.pods = all.filter((p) => p !== newcomer);
    const tail = driven({ namespace: 'shop', labelSelector: 'app=frontend', tailLines: 2 });
    try {
      const first = frameOf(await tail.next());
      const podsIn = (frame: DataFrame) => new Set(values<Record<string, string>>(frame, 'labels').map((l) => l.pod));
      expect(podsIn(first).has(newcomer.name)).toBe(false);
      sim().cluster.pods = all;
      clock.advance(3000);
      tail.tick();
      const next = frameOf(await tail.next());
      expect(podsIn(next).has(newcomer.name)).toBe(true);
      // the pods followed before are still there
      expect([...podsIn(first)].every((pod) => podsIn(next).has(pod))).toBe(true);
    } finally {
      tail.stop();
      sim().cluster.pods = all;
    }
  });

  it('keeps following the other pods of a selector when one is deleted', async () => {
    const frontends = sim().cluster.pods.filter((p) => p.labels.app === 'frontend');
    const victim = frontends[0];
    const all = sim().cluster.pods;
    const tail = driven({ namespace: 'shop', labelSelector: 'app=frontend', tailLines: 2 });
    try {
      await tail.next();
      sim().cluster.pods = all.filter((p) => p !== victim);
      clock.advance(3000);
      tail.tick();
      const r = await tail.next();
      expect(r.state).toBe(LoadingState.Streaming);
      expect(notices(r).join('\n')).toContain(`Pod shop/${victim.name} no longer exists`);
      const before = sim().faults.requests.length;
      clock.advance(3000);
      tail.tick();
      await tail.next();
      const reads = sim()
        .faults.requests.slice(before)
        .filter((q) => q.path.endsWith('/log'));
      expect(reads.length).toBe((frontends.length - 1) * 2);
      expect(reads.some((q) => q.path.includes(victim.name))).toBe(false);
    } finally {
      tail.stop();
      sim().cluster.pods = all;
    }
  });

  it('keeps at most maxLines, dropping the oldest and saying how many', async () => {
    const pod = chattyPods()[0];
    const tail = driven({ namespace: pod.namespace, podName: pod.name, tailLines: 15 }, { maxLines: 20 });
    const first = frameOf(await tail.next());
    clock.advance(30_000);
    tail.tick();
    const r = await tail.next();
    tail.stop();
    const frame = frameOf(r);
    expect(frame.length).toBe(20);
    const text = notices(r).join('\n');
    const dropped = Number(/Dropped the (\d+) oldest lines/.exec(text)?.[1]);
    expect(dropped).toBeGreaterThan(0);
    // the newest are kept: the first response's lines are gone from the head, the order is kept
    expect(values(frame, 'id')).not.toContain(values(first, 'id')[0]);
    const times = values<number>(frame, 'timestamp');
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it('ends at once with the error when the pod does not exist', async () => {
    const tail = driven({ namespace: 'shop', podName: 'no-such-pod' });
    const r = await tail.next();
    expect(r.state).toBe(LoadingState.Done);
    expect((r.errors ?? []).map((e) => e.message).join()).toContain('Pod shop/no-such-pod no longer exists');
    expect(tail.completed).toBe(true);
  });
});

describe('live tail timers', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  /** resolves with the next emission of a hot subscription */
  function nextOf(source: Observable<DataQueryResponse>, n = 0) {
    return firstValueFrom(source.pipe(skip(n)));
  }

  it('polls every pollIntervalMs of the context and stops all timers and requests on unsubscribe', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const pod = chattyPods()[0];
    const { ctx, vars } = testContext(sim(), { nowMs: clock() });
    ctx.pollIntervalMs = 5000;
    const query = {
      refId: 'A',
      queryType: 'logs',
      live: true,
      namespace: pod.namespace,
      podName: pod.name,
      tailLines: 1,
    } as LogsQuery;
    const responses = new Subject<DataQueryResponse>();
    const sub = logsModule.run(ctx, logsModule.resolve(query, vars), query).subscribe(responses);
    const logReads = () => sim().faults.requests.filter((r) => r.path.endsWith('/log')).length;

    const first = nextOf(responses);
    await first;
    expect(logReads()).toBe(1);
    // the next poll waits for the interval (requests register in flight as they start)
    jest.advanceTimersByTime(4999);
    expect(ctx.client.inFlightCount).toBe(0);
    clock.advance(5000);
    const second = nextOf(responses);
    jest.advanceTimersByTime(1);
    expect(ctx.client.inFlightCount).toBeGreaterThan(0);
    await second;
    expect(logReads()).toBe(2);

    sub.unsubscribe();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(logReads()).toBe(2);
    expect(ctx.client.inFlightCount).toBe(0);
  });
});
