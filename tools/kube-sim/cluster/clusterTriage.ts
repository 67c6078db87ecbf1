/**
 * Builds the triage scenarios (triageScenarios.ts) into a default cluster, after its filler, so the
 * default objects keep their names. Pods go round-robin on the Ready workers, over podsPerNode. Each
 * scenario sits at a known time before the clock's start, so a panel's last hour shows it; the
 * returned TriageTruth names what the seed chose.
 */
import type { SimContainer, SimPod } from './model';
import type { Builder } from './clusterBuilder';
import { type TriageTruth, TRIAGE } from './triageScenarios';
import { TriageBuilder, wholeSecond } from './clusterTriageBuilder';
import {
  crashLooper,
  daemonSet,
  eviction,
  failingJob,
  rollout,
  statefulSets,
  stuckRollout,
} from './clusterTriageWorkloads';
import { hpas, outlierDeployments, steadyDeployment } from './clusterTriageUsage';

export { steadyUsage } from './clusterTriageBuilder';

function firstPod(
  b: Builder,
  ns: string,
  deployment: string,
  pick: (c: SimContainer) => boolean = () => true
): SimPod | undefined {
  const rs = b.c.workloads.find((w) => w.kind === 'ReplicaSet' && w.namespace === ns && w.owner?.name === deployment);
  return rs ? b.c.pods.find((p) => p.owner?.uid === rs.uid && pick(p.containers[0])) : undefined;
}

/** adds the triage scenarios to a default cluster being built; returns their ground truth */
export function addTriageScenarios(b: Builder): TriageTruth {
  const t = new TriageBuilder(b);
  let rolloutTruth: TriageTruth['rollout'] | undefined;
  const storefront = rollout(t, (r) => (rolloutTruth = r));
  const stuck = stuckRollout(t);
  const evicted = eviction(t);
  const job = failingJob(t);
  const ds = daemonSet(t);
  const sts = statefulSets(t);
  const over = steadyDeployment(t, TRIAGE.overProvisioned);
  const under = steadyDeployment(t, TRIAGE.underProvisioned);
  const outliers = outlierDeployments(t);
  const hpa = hpas(t, storefront, outliers.memory);

  const riseNode = t.workers[0];
  const r = TRIAGE.nodeMemoryRise;
  const riseFrom = wholeSecond(t.startMs - r.riseAgoMs);
  riseNode.memoryRise = { fromMs: riseFrom, startBytes: r.startBytes, bytesPerSec: r.bytesPerSec };
  if (riseNode.systemUsage) {
    // a flat baseline under the rise, so node memory minus its pods' moves by exactly the rate
    riseNode.systemUsage = { ...riseNode.systemUsage, memWave: 0 };
  }
  const pressureNode = t.workers.length > 1 ? t.workers[1] : undefined;
  if (pressureNode) {
    pressureNode.memoryPressureSinceMs = t.startMs - TRIAGE.memoryPressure.sinceAgoMs;
  }

  const checkout = firstPod(b, TRIAGE.crashLoop.namespace, TRIAGE.crashLoop.deployment) ?? crashLooper(t, 'crashLoop');
  const cart =
    firstPod(b, TRIAGE.oomKilled.namespace, TRIAGE.oomKilled.deployment, (c) => c.hasPrevious) ??
    crashLooper(t, 'oomKilled');
  const pending = firstPod(b, TRIAGE.pending.namespace, TRIAGE.pending.deployment);
  const restarts = (p: SimPod | undefined) => p?.containers[0].restartCount ?? 0;
  return {
    startMs: b.startMs,
    rollout: rolloutTruth as TriageTruth['rollout'],
    stuckRollout: stuck,
    crashLoop: { ...TRIAGE.crashLoop, pod: checkout?.name ?? '', restartCount: restarts(checkout) },
    oomKilled: { ...TRIAGE.oomKilled, pod: cart?.name ?? '', restartCount: restarts(cart) },
    pending: { namespace: TRIAGE.pending.namespace, pod: pending?.name ?? '', reason: TRIAGE.pending.reason },
    eviction: evicted,
    failingJob: job,
    ...hpa,
    daemonSet: ds,
    ...sts,
    nodeMemoryRise: {
      node: riseNode.name,
      fromMs: riseFrom,
      startBytes: r.startBytes,
      bytesPerSec: r.bytesPerSec,
    },
    ...(pressureNode
      ? { memoryPressure: { node: pressureNode.name, sinceMs: pressureNode.memoryPressureSinceMs as number } }
      : {}),
    overProvisioned: over,
    underProvisioned: under,
    outliers: outliers.truths,
  };
}
