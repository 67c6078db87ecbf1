/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, dateTime } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock, TriageTruth } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { TimelineQuery } from '../../types';
import { MARKS_FRAME_NAME } from './timelineFrame';
import { timelineMemory, timelineModule } from './timelineQuery';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2025, 5, 2, 9, 0, 0);
const sim = kubeSimForTests({ nodes: 12, podsPerNode: 4, seed: 3, clock: manualClock(START), scenarios: 'triage' });
const truth = (): TriageTruth => sim().cluster.triage!;
/** the API's times are whole seconds */
const sec = (ms: number) => Math.floor(ms / 1000) * 1000;

async function run(q: Partial<TimelineQuery>, fromMs = START - HOUR, toMs = START): Promise<DataQueryResponse> {
  const { ctx, vars } = testContext(sim());
  ctx.range = { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: 'now-1h', to: 'now' } };
  const tq = { refId: 'A', queryType: 'timeline', ...q } as TimelineQuery;
  return lastValueFrom(timelineModule.run(ctx, timelineModule.resolve(tq, vars), tq));
}

function marks(res: DataQueryResponse) {
  const f = (res.data as DataFrame[]).find((x) => x.name === MARKS_FRAME_NAME)!;
  return Array.from({ length: f.length }, (_, i) => Object.fromEntries(f.fields.map((x) => [x.name, x.values[i]])));
}

function lane(res: DataQueryResponse, label: string): Array<[number, unknown]> {
  for (const f of res.data as DataFrame[]) {
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

beforeEach(() => timelineMemory.clear());

describe('timeline over the triage scenarios', () => {
  it('marks the finished rollout with its revision, its image change and its time', async () => {
    const r = truth().rollout;
    const res = await run({
      subject: 'workload',
      namespace: r.namespace,
      name: r.deployment,
      workloadKind: 'Deployment',
    });
    const rollouts = marks(res).filter((m) => m.kind === 'rollout');
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0].time).toBe(sec(r.rolloutMs));
    expect(rollouts[0].title).toBe(`Rollout: ${r.namespace}/${r.deployment} revision 2`);
    expect(rollouts[0].text).toContain(`revision 1 → 2 (ReplicaSet ${r.newReplicaSet})`);
    expect(rollouts[0].text).toContain(`${r.oldImage} → ${r.newImage}`);
    // every pod of the workload has its lane, and only those
    const pods = (res.data as DataFrame[]).filter((f) => f.name !== MARKS_FRAME_NAME).map((f) => f.name);
    expect(pods.sort()).toEqual([...r.newPods, ...r.oldPods].map((p) => `${r.namespace}/${p}`).sort());
  });

  it('shows the stuck rollout: the new pod waiting on its image since the first pull failure, and the deadline passed', async () => {
    const s = truth().stuckRollout;
    const res = await run({ subject: 'workload', namespace: s.namespace, name: s.deployment });
    const changes = lane(res, `${s.namespace}/${s.newPods[0]} · ${s.container}`);
    expect(changes).toContainEqual([sec(s.waitingSinceMs), `Waiting: ${s.reason}`]);
    expect(changes[changes.length - 1]).toEqual([sec(s.waitingSinceMs), `Waiting: ${s.reason}`]);
    const kinds = marks(res);
    const rollout = kinds.find((m) => m.kind === 'rollout')!;
    expect(rollout.time).toBe(sec(s.rolloutMs));
    expect(rollout.text).toContain(`${s.oldImage} → ${s.newImage}`);
    const stuck = kinds.find((m) => m.kind === 'stuckRollout')!;
    expect(stuck.time).toBe(sec(s.deadlineExceededMs));
    expect(stuck.text).toContain('ProgressDeadlineExceeded');
  });

  it('shows the eviction: the pod Failed: Evicted from that moment, with an annotation there', async () => {
    const e = truth().eviction;
    const res = await run({ subject: 'namespace', namespace: e.namespace });
    const changes = lane(res, `${e.namespace}/${e.pod}`);
    // the kubelet fails the pod as it evicts it (its lost container tells no time of its own)
    expect(changes[changes.length - 1]).toEqual([sec(e.evictedMs), `Failed: ${e.reason}`]);
    expect(changes[changes.length - 2][0]).toBeLessThan(sec(e.evictedMs));
    const eviction = marks(res).find((m) => m.kind === 'eviction' && m.title === `Evicted: ${e.namespace}/${e.pod}`)!;
    expect(eviction.time).toBe(sec(e.evictedMs));
    expect(eviction.text).toContain(e.message.trim());
    // the replacement runs
    expect(lane(res, `${e.namespace}/${e.replacement}`).pop()?.[1]).toBe('Running');
  });

  it('shows the node under memory pressure from its transition', async () => {
    const p = truth().memoryPressure!;
    const res = await run({ subject: 'node', name: p.node });
    expect(lane(res, `${p.node} · MemoryPressure`)).toEqual([
      [START - HOUR, null],
      [sec(p.sinceMs), 'MemoryPressure'],
    ]);
    expect(marks(res).find((m) => m.kind === 'nodeCondition')?.title).toBe(
      `Node ${p.node}: MemoryPressure MemoryPressure`
    );
  });
});
