/**
 * What can fill up, read out of the sampler's Summary histories: node and image filesystems and node memory
 * (node scope), PVCs (volume scope, volumes with a pvcRef) and pods' ephemeral storage (pod scope, against
 * their node's filesystem). Only series the latest poll still reported count: a deleted pod's history
 * lingers in the sampler until it expires, but it fills nothing.
 */
import { SeriesHistory } from '../../live/history';
import { Series } from '../../live/series';
import { FillTargetKind } from '../../types';
import { FillHistory } from './fillProjection';

export interface FillTarget {
  kind: FillTargetKind;
  node: string;
  namespace?: string;
  pod?: string;
  /** the PVC's name (pvc), or the pod's name is in `pod` (ephemeral) */
  pvc?: string;
  /** the pod volume that mounts the PVC */
  volume?: string;
  /** used bytes within the window, oldest first */
  used: FillHistory;
  usedNow: number;
  /** the size shown beside the use; absent when the kubelet does not report it */
  capacity?: number;
  /** the used bytes at which it counts as full (the capacity, except for ephemeral storage) */
  fullAt?: number;
  /** the latest poll's time (ms): what "now" is for this target's projection */
  asOfMs: number;
}

/** The Summary histories a time-to-full query watches; each only when a kind needs it. */
export interface FillSources {
  node?: SeriesHistory;
  pod?: SeriesHistory;
  volume?: SeriesHistory;
}

/** Current series of one history by key then metric. */
type Current = Map<string, Map<string, Series>>;

function current(history: SeriesHistory | undefined): Current {
  const out: Current = new Map();
  if (!history) {
    return out;
  }
  let latest = -Infinity;
  for (const s of history.series) {
    latest = Math.max(latest, s.lastSeenMs);
  }
  for (const s of history.series) {
    if (s.lastSeenMs === latest) {
      let byMetric = out.get(s.key);
      if (!byMetric) {
        byMetric = new Map();
        out.set(s.key, byMetric);
      }
      byMetric.set(s.metric, s);
    }
  }
  return out;
}

const lastValue = (s: Series | undefined): number | undefined =>
  s && s.points.size ? s.points.valueAt(s.points.size - 1) : undefined;

/** The points of a series from `fromMs` on. */
function windowOf(s: Series, fromMs: number): FillHistory {
  return s.points.copyRange(fromMs, Number.POSITIVE_INFINITY);
}

/**
 * Every target of the wanted kinds, its used bytes from `asOf - windowMs` on (all history held when no
 * window is given). Unordered: the caller sorts by outlook.
 */
export function fillTargets(sources: FillSources, kinds: ReadonlySet<FillTargetKind>, windowMs?: number): FillTarget[] {
  const targets: FillTarget[] = [];
  const nodes = current(sources.node);
  const nodeAsOf = sources.node?.lastPollMs ?? 0;
  const from = (asOf: number) => (windowMs ? asOf - windowMs : Number.NEGATIVE_INFINITY);

  const add = (base: Omit<FillTarget, 'used' | 'usedNow'>, used: Series | undefined) => {
    const usedNow = lastValue(used);
    if (used && usedNow !== undefined) {
      targets.push({ ...base, used: windowOf(used, from(base.asOfMs)), usedNow });
    }
  };

  for (const [node, m] of nodes) {
    const asOfMs = nodeAsOf;
    if (kinds.has('nodeFs')) {
      const capacity = lastValue(m.get('fsCapacity'));
      add({ kind: 'nodeFs', node, capacity, fullAt: capacity, asOfMs }, m.get('fsUsed'));
    }
    if (kinds.has('imageFs')) {
      const capacity = lastValue(m.get('imageFsCapacity'));
      add({ kind: 'imageFs', node, capacity, fullAt: capacity, asOfMs }, m.get('imageFsUsed'));
    }
    if (kinds.has('memory')) {
      // the kubelet's own reckoning: available = capacity - working set (what its eviction manager watches)
      const ws = lastValue(m.get('memoryWorkingSet'));
      const available = lastValue(m.get('memoryAvailable'));
      const capacity = ws !== undefined && available !== undefined ? ws + available : undefined;
      add({ kind: 'memory', node, capacity, fullAt: capacity, asOfMs }, m.get('memoryWorkingSet'));
    }
  }

  if (kinds.has('ephemeral') && sources.pod) {
    const asOfMs = sources.pod.lastPollMs ?? 0;
    for (const m of current(sources.pod).values()) {
      const used = m.get('ephemeralUsed');
      if (!used) {
        continue;
      }
      const { node, namespace, pod } = used.labels;
      const fs = nodes.get(node);
      const capacity = lastValue(fs?.get('fsCapacity'));
      const available = lastValue(fs?.get('fsAvailable'));
      const usedNow = lastValue(used);
      // full when this pod's growth alone has taken what is free on its node's filesystem
      const fullAt = available !== undefined && usedNow !== undefined ? usedNow + available : undefined;
      add({ kind: 'ephemeral', node, namespace, pod, capacity, fullAt, asOfMs }, used);
    }
  }

  if (kinds.has('pvc') && sources.volume) {
    const asOfMs = sources.volume.lastPollMs ?? 0;
    const seen = new Set<string>();
    for (const m of current(sources.volume).values()) {
      const used = m.get('used');
      const labels = used?.labels;
      if (!labels?.pvc) {
        continue; // emptyDir, configMap and the like count toward ephemeral storage
      }
      // a claim mounted by several pods is one disk: one row, from the first pod that reports it
      const claim = `${labels.namespace}/${labels.pvc}`;
      if (seen.has(claim)) {
        continue;
      }
      seen.add(claim);
      const capacity = lastValue(m.get('capacity'));
      const base = { kind: 'pvc' as const, node: labels.node, namespace: labels.namespace, pod: labels.pod };
      add({ ...base, pvc: labels.pvc, volume: labels.volume, capacity, fullAt: capacity, asOfMs }, used);
    }
  }
  return targets;
}
