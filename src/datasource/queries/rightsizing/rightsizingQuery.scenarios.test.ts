/** @jest-environment jsdom */
/*
 * The right-sizing query against kube-sim's 'triage' scenarios, whose over- and under-provisioned containers
 * have a known, steady usage (tools/kube-sim/cluster/triageScenarios.ts): the suggestions follow the stated
 * rules from that usage, within one rounding step.
 */
import { DataFrame } from '@grafana/data';

import { manualClock } from '../../../../tools/kube-sim';
import type { SteadyUsageTruth } from '../../../../tools/kube-sim/cluster/triageScenarios';
import { kubeSimForTests } from '../../testing/kubeSim';
import { RightSizingQuery } from '../../types';
import { drivePolls } from '../../testing/drivePolls';
import { usagePodsQuery } from '../pods/podsUsage';
import { rightSizingModule } from './rightsizingQuery';
import { LIMIT_HEADROOM, MIN_SAMPLES, REQUEST_HEADROOM } from './sizing';

const MiB = 2 ** 20;
const CPU_STEP = 0.005;
const MEMORY_STEP = 16 * MiB;
const clock = manualClock(Date.UTC(2026, 2, 3, 9, 30, 0));
const sim = kubeSimForTests({ nodes: 4, podsPerNode: 6, seed: 3, clock, scenarios: 'triage' });

async function answer(truth: SteadyUsageTruth, groupBy?: 'namespace'): Promise<Record<string, unknown>> {
  const query: RightSizingQuery = {
    refId: 'A',
    queryType: 'rightsizing',
    namespace: truth.namespace,
    labelSelector: `app=${truth.deployment}`,
    groupBy,
  };
  const scope = usagePodsQuery('B', [truth.namespace], query.labelSelector);
  // a pods panel of the same scope has held 9 polls; the query answers from them, then from the 10th
  const seen = await drivePolls(
    sim(),
    clock,
    (ctx, vars) => rightSizingModule.run(ctx, rightSizingModule.resolve(query, vars), query),
    { polls: MIN_SAMPLES, warm: { polls: MIN_SAMPLES - 1, scope } }
  );
  const frame = seen[seen.length - 1].data[0] as DataFrame;
  expect(frame.length).toBe(1);
  return Object.fromEntries(frame.fields.map((f) => [f.name, f.values[0]]));
}

/** at least `min`, and less than one rounding step above it */
const roundedUpFrom = (min: number, step: number) => ({
  asymmetricMatch: (v: unknown) => typeof v === 'number' && v >= min - 1e-9 && v < min + step,
  toString: () => `a value in [${min}, ${min + step})`,
});

it('suggests less for the over-provisioned container, keeping its memory request equal to its limit', async () => {
  const t = sim().cluster.triage!.overProvisioned;
  const row = await answer(t);
  expect(row).toMatchObject({
    pod: t.pod,
    container: t.container,
    samples: MIN_SAMPLES,
    cpuRequest: t.requests.cpu,
    memoryRequest: t.requests.memory,
    memoryLimit: t.limits.memory,
    cpuRequestSuggested: roundedUpFrom(t.usage.cpu * REQUEST_HEADROOM, CPU_STEP),
    cpuLimitSuggested: null,
    // request = limit now (4 Gi): both go to the larger suggestion, the limit's max × 1.3
    memoryRequestSuggested: roundedUpFrom(t.usage.memory * LIMIT_HEADROOM, MEMORY_STEP),
    memoryLimitSuggested: roundedUpFrom(t.usage.memory * LIMIT_HEADROOM, MEMORY_STEP),
  });
  expect(row.cpuP95).toBeCloseTo(t.usage.cpu, 6);
  expect(row.memoryMax).toBe(t.usage.memory);
  expect(row.command).toBe(
    `kubectl patch pod ${t.pod} -n ${t.namespace} --subresource=resize --patch ` +
      `'{"spec":{"containers":[{"name":"${t.container}","resources":{"requests":{"cpu":"60m","memory":"400Mi"},"limits":{"memory":"400Mi"}}}]}}'`
  );
});

it('suggests more for the under-provisioned container', async () => {
  const t = sim().cluster.triage!.underProvisioned;
  const row = await answer(t);
  expect(row).toMatchObject({
    pod: t.pod,
    cpuRequestSuggested: roundedUpFrom(t.usage.cpu * REQUEST_HEADROOM, CPU_STEP),
    memoryRequestSuggested: roundedUpFrom(t.usage.memory * REQUEST_HEADROOM, MEMORY_STEP),
    memoryLimitSuggested: roundedUpFrom(t.usage.memory * LIMIT_HEADROOM, MEMORY_STEP),
  });
  expect(row.cpuRequestChange as number).toBeGreaterThan(0);
  expect(row.memoryRequestChange as number).toBeGreaterThan(0);
});

it('tells per namespace what the suggestions free', async () => {
  const over = sim().cluster.triage!.overProvisioned;
  const freed = await answer(over, 'namespace');
  expect(freed).toMatchObject({ namespace: over.namespace, containers: 1, overProvisioned: 1, underProvisioned: 0 });
  expect(freed.cpuFreed).toBeCloseTo(over.requests.cpu - 0.06, 9);
});

it('tells per namespace what is missing', async () => {
  const under = sim().cluster.triage!.underProvisioned;
  const missing = await answer(under, 'namespace');
  expect(missing).toMatchObject({ namespace: under.namespace, overProvisioned: 0, underProvisioned: 1 });
  expect(missing.memoryFreed as number).toBeLessThan(0);
});
