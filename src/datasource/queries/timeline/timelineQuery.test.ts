/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, dateTime, LoadingState } from '@grafana/data';
import { lastValueFrom, Subject, take, toArray } from 'rxjs';

import { manualClock, SimPod } from '../../../../tools/kube-sim';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { TimelineQuery } from '../../types';
import { MARKS_FRAME_NAME } from './timelineFrame';
import { liveTimeline, timelineMemory, timelineModule } from './timelineQuery';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2025, 2, 1, 12, 0, 0);
// 12 nodes: the last lost (Unknown 11 min before the start), the one before NotReady since 2 min before
const sim = kubeSimForTests({ nodes: 12, podsPerNode: 5, seed: 5, clock: manualClock(START) });

function query(q: Partial<TimelineQuery>): TimelineQuery {
  return { refId: 'A', queryType: 'timeline', ...q } as TimelineQuery;
}

function contextFor(fromMs: number, toMs: number, opts: TestContextOptions = {}) {
  const t = testContext(sim(), opts);
  t.ctx.range = { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: dateTime(fromMs), to: dateTime(toMs) } };
  return t;
}

async function run(q: Partial<TimelineQuery>, fromMs = sim().now() - 3 * HOUR, toMs = sim().now()) {
  const { ctx, vars } = contextFor(fromMs, toMs);
  const tq = query(q);
  return lastValueFrom(timelineModule.run(ctx, timelineModule.resolve(tq, vars), tq));
}

const frames = (res: DataQueryResponse) => res.data as DataFrame[];
const marksOf = (res: DataQueryResponse) => {
  const f = frames(res).find((x) => x.name === MARKS_FRAME_NAME)!;
  return Array.from({ length: f.length }, (_, i) => Object.fromEntries(f.fields.map((x) => [x.name, x.values[i]])));
};

/** A lane's changes as [time, value] pairs, repeats dropped, as the state-timeline panel draws it. */
function lane(res: DataQueryResponse, label: string): Array<[number, unknown]> {
  for (const f of frames(res)) {
    const field = f.fields.find((x) => x.config.displayName === label);
    if (field) {
      const out: Array<[number, unknown]> = [];
      f.fields[0].values.forEach((t: number, i: number) => {
        if (!out.length || out[out.length - 1][1] !== field.values[i]) {
          out.push([t, field.values[i]]);
        }
      });
      return out;
    }
  }
  throw new Error(`no lane ${label}`);
}

/** the API's times are whole seconds (RFC 3339 without a fraction) */
const sec = (ms: number | undefined) => Math.floor(ms! / 1000) * 1000;
const pod = (f: (p: SimPod) => boolean) => sim().cluster.pods.find(f)!;
const podLabel = (p: SimPod) => `${p.namespace}/${p.name}`;
const nodes = () => sim().cluster.nodes;

beforeEach(() => timelineMemory.clear());

describe('timeline query over kube-sim', () => {
  it('draws the crash loop: the previous instance running, then CrashLoopBackOff since it ended, unknown before', async () => {
    const p = pod((x) => x.name.startsWith('checkout-'));
    const c = p.containers[0];
    const res = await run({ subject: 'pod', namespace: p.namespace, name: p.name }, START - 3 * HOUR, START);
    expect(res.errors).toBeUndefined();
    expect(lane(res, `${podLabel(p)} · checkout`)).toEqual([
      [START - 3 * HOUR, null],
      [sec(c.startedAtMs), 'Running'],
      [sec(c.finishedAtMs), 'Waiting: CrashLoopBackOff'],
    ]);
    const restart = marksOf(res).find((m) => m.kind === 'restart')!;
    expect(restart.time).toBe(sec(c.finishedAtMs));
    expect(restart.text).toContain(`ended Terminated: ${c.lastReason ?? 'Error'} (exit ${c.lastExitCode ?? 1})`);
    expect(restart.text).toContain(`${c.restartCount} restarts`);
    // the link opens the previous instance's logs at that moment
    const linked = JSON.parse(decodeURIComponent(String(restart.link).split('panes=')[1]));
    expect(linked.kg.queries[0]).toMatchObject({
      queryType: 'logs',
      podName: p.name,
      container: 'checkout',
      previous: true,
    });
    expect(Number(linked.kg.range.from)).toBeLessThan(sec(c.finishedAtMs));
    expect(Number(linked.kg.range.to)).toBeGreaterThan(sec(c.finishedAtMs));
  });

  it('draws the OOMKill restart: running, OOMKilled with its exit code, running again', async () => {
    const p = pod((x) => x.name.startsWith('cart-') && x.containers[0].hasPrevious);
    const c = p.containers[0];
    const ended = sec(c.startedAtMs - 1000);
    const res = await run({ subject: 'workload', namespace: 'shop', name: 'cart' }, ended - 30 * MIN, START);
    const changes = lane(res, `${podLabel(p)} · cart`);
    expect(changes).toContainEqual([ended, 'Terminated: OOMKilled (exit 137)']);
    expect(changes[changes.length - 1]).toEqual([sec(c.startedAtMs), 'Running']);
    expect(
      marksOf(res)
        .filter((m) => m.kind === 'restart')
        .map((m) => m.time)
    ).toEqual([ended]);
    // the workload's other replicas are there, and no other workload's pods
    const replicas = sim().cluster.pods.filter((x) => x.namespace === 'shop' && x.name.startsWith('cart-'));
    const podFrames = frames(res).filter((f) => f.name !== MARKS_FRAME_NAME);
    expect(podFrames.map((f) => f.name).sort()).toEqual(replicas.map(podLabel).sort());
  });

  it('shows the Pending pod as unschedulable from the first FailedScheduling, with the scheduler message as annotation', async () => {
    const p = pod((x) => x.name.startsWith('ml-trainer-'));
    const res = await run({ subject: 'namespace', namespace: p.namespace }, START - HOUR, START);
    const failedAt = START - 40 * MIN + 3000;
    // created a moment before the scheduler first gave up; unknown before it existed
    expect(lane(res, podLabel(p))).toEqual([
      [START - HOUR, null],
      [sec(p.creationMs), 'Pending'],
      [failedAt, 'Pending: Unschedulable'],
    ]);
    const mark = marksOf(res).find((m) => m.kind === 'schedulingFailure')!;
    expect(mark.time).toBe(failedAt);
    expect(mark.text).toContain('Insufficient cpu');
  });

  it("draws the lost node Unknown and the NotReady node from their transition, and evicts the lost node's pods", async () => {
    const lost = nodes()[nodes().length - 1];
    const notReady = nodes()[nodes().length - 2];
    const all = await run({ subject: 'node' }, START - HOUR, START);
    expect(lane(all, lost.name)).toEqual([
      [START - HOUR, null],
      [START - 11 * MIN, 'Unknown'],
    ]);
    expect(lane(all, notReady.name)).toEqual([
      [START - HOUR, null],
      [START - 2 * MIN, 'NotReady'],
    ]);
    expect(lane(all, `${nodes()[1].name} · MemoryPressure`)).toEqual([[START - HOUR, 'OK']]);
    const nodeMarks = marksOf(all)
      .filter((m) => m.kind === 'nodeCondition')
      .map((m) => m.title);
    expect(nodeMarks.sort()).toEqual(
      [`Node ${lost.name}: Ready Unknown`, `Node ${notReady.name}: Ready NotReady`].sort()
    );

    const one = await run({ subject: 'node', name: lost.name }, START - HOUR, START);
    const evictable = sim().cluster.pods.find((x) => x.nodeName === lost.name && x.owner?.kind === 'ReplicaSet')!;
    const evictedAt = START - 11 * MIN + 300_000;
    expect(lane(one, podLabel(evictable))).toEqual([
      [START - HOUR, 'Running'],
      [START - 11 * MIN, 'NotReady'],
      [evictedAt, 'Terminating: DeletionByTaintManager'],
    ]);
    const evictions = marksOf(one).filter((m) => m.kind === 'eviction');
    expect(evictions.find((m) => m.title === `Evicted: ${podLabel(evictable)}`)?.time).toBe(evictedAt);
  });

  it('colours states by value mappings and marks the annotation frame for annotations', async () => {
    const p = pod((x) => x.name.startsWith('checkout-'));
    const res = await run({ subject: 'pod', namespace: p.namespace, name: p.name });
    const podFrame = frames(res)[0];
    expect(podFrame.fields[0].type).toBe('time');
    expect(podFrame.fields.slice(1).every((f) => f.type === 'string' && f.config.mappings?.length)).toBe(true);
    expect(frames(res).find((f) => f.name === MARKS_FRAME_NAME)?.meta?.dataTopic).toBe('annotations');
  });

  it('says what is wrong for a pod that does not exist or a workload without its namespace', async () => {
    const missing = await run({ subject: 'pod', namespace: 'shop', name: 'no-such-pod' });
    expect(missing.data).toEqual([]);
    expect(missing.errors?.[0].message).toMatch(/not found|no-such-pod/i);
    const { vars } = contextFor(START - HOUR, START);
    expect(() => timelineModule.resolve(query({ subject: 'workload', name: 'cart' }), vars)).toThrow(/namespace/);
    expect(() =>
      timelineModule.resolve(
        query({ subject: 'workload', namespace: 'shop', name: 'cart', workloadKind: 'CronJob' }),
        vars
      )
    ).toThrow(/"CronJob" is not a workload kind/);
    expect(() => timelineModule.resolve(query({ subject: 'pod', namespace: 'shop', name: 'Bad/Name' }), vars)).toThrow(
      /not a valid pod name/
    );
  });

  it('draws the timeline without what forbidden lists would add, and says which (ReplicaSets, events)', async () => {
    sim().faults.deny('replicasets').deny('events');
    const p = pod((x) => x.name.startsWith('cart-') && x.containers[0].hasPrevious);
    const res = await run({ subject: 'workload', namespace: 'shop', name: 'cart' });
    expect(res.errors).toBeUndefined();
    const text = (frames(res)[0].meta?.notices ?? []).map((n) => n.text).join('\n');
    expect(text).toMatch(/Could not read ReplicaSets/);
    expect(text).toMatch(/Could not read events/);
    // the Deployment's pods are still found, through their ReplicaSets' names
    expect(frames(res).map((f) => f.name)).toContain(podLabel(p));
  });

  it('fails with the reason when the pods cannot be read', async () => {
    sim().faults.deny('pods');
    const res = await run({ subject: 'namespace', namespace: 'shop' });
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].message).toMatch(/shop/);
    expect(res.errors?.[0].message).toMatch(/forbidden|permission|cannot/i);
  });

  it('streams a live timeline, one answer per poll', async () => {
    const p = pod((x) => x.name.startsWith('checkout-'));
    const { ctx, vars } = contextFor(START - HOUR, START);
    const polls = new Subject<number>();
    const answers = lastValueFrom(
      liveTimeline(
        ctx,
        timelineModule.resolve(query({ subject: 'pod', namespace: p.namespace, name: p.name }), vars),
        polls
      ).pipe(take(2), toArray())
    );
    polls.next(START);
    await new Promise((r) => setTimeout(r, 50));
    polls.next(START + MIN);
    const [first, second] = await answers;
    expect(first.state).toBe(LoadingState.Streaming);
    expect(second.state).toBe(LoadingState.Streaming);
    // the window slides with the polls
    expect(frames(second)[0].fields[0].values[0]).toBe(START - HOUR + MIN);
  });
});
