/** @jest-environment jsdom */
/*
 * The outliers query against kube-sim's scenarios, whose ground truth says which pods misbehave
 * (tools/kube-sim/cluster/triageScenarios.ts): exactly those are found on 'triage', none on 'healthy'.
 */
import { DataFrame } from '@grafana/data';

import { manualClock } from '../../../../tools/kube-sim';
import { kubeSimForTests } from '../../testing/kubeSim';
import { OutliersQuery } from '../../types';
import { outliersModule } from './outliersQuery';
import { drivePolls } from '../../testing/drivePolls';

const T0 = Date.UTC(2026, 2, 3, 9, 30, 0);
const healthyClock = manualClock(T0);
const triageClock = manualClock(T0);
const healthy = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 3, clock: healthyClock, scenarios: 'healthy' });
const triage = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 3, clock: triageClock, scenarios: 'triage' });

const query: OutliersQuery = { refId: 'A', queryType: 'outliers' };
const run = (ctx: Parameters<typeof outliersModule.run>[0], vars: Parameters<typeof outliersModule.resolve>[1]) =>
  outliersModule.run(ctx, outliersModule.resolve(query, vars), query);

function flagged(frame: DataFrame): string[] {
  const pod = frame.fields.find((f) => f.name === 'pod')!.values;
  const signal = frame.fields.find((f) => f.name === 'signal')!.values;
  return pod.map((p, i) => `${p} ${signal[i]}`).sort();
}

it("finds no outlier on a 'healthy' cluster, and says what it compared", async () => {
  const seen = await drivePolls(healthy(), healthyClock, run, { polls: 2 });
  const frame = seen[1].data[0] as DataFrame;
  expect(flagged(frame)).toEqual([]);
  expect(frame.meta?.notices?.map((n) => n.text).join('\n')).toMatch(
    /No outliers: every pod of \d+ workload\(s\) is within 3.5 of its siblings on CPU, memory, restarts/
  );
});

/*
 * The rest of the 'triage' cluster is the generated default one, whose replicas get random usage each: some
 * differ by 2× and are rightly flagged (payments/fraud-detector's memory with seed 3), so only the scenario
 * Deployments are held to the ground truth here; the 'healthy' cluster holds every workload to it.
 */
it("finds exactly the misbehaving replicas of the 'triage' scenarios, with their ratio", async () => {
  const truth = triage().cluster.triage!.outliers;
  const seen = await drivePolls(triage(), triageClock, run, { polls: 2 });
  const frame = seen[1].data[0] as DataFrame;
  // the scenario Deployments: exactly their misbehaving replica, on its signal; none of its siblings
  const scenarioPods = new Set(truth.flatMap((t) => t.pods));
  expect(flagged(frame).filter((f) => scenarioPods.has(f.split(' ')[0]))).toEqual(
    truth.map((t) => `${t.outlier} ${t.kind}`).sort()
  );

  const ratio = frame.fields.find((f) => f.name === 'ratio')!.values;
  const pods = frame.fields.find((f) => f.name === 'pod')!.values;
  for (const t of truth.filter((x) => x.kind !== 'restarts')) {
    const usage = Object.values(t.usage).map((u) => u[t.kind as 'cpu' | 'memory']);
    const sorted = [...usage].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    // steady usage: the mean over the polls is the scenario's usage, within the sim's small wave
    expect(ratio[pods.indexOf(t.outlier)]).toBeCloseTo(t.usage[t.outlier][t.kind as 'cpu' | 'memory'] / median, 1);
  }
});
