/**
 * Pod-level requests and limits (`spec.resources`, PodLevelResources: beta and on by default from 1.34) and
 * their in-place resize (`status.resources`, `status.allocatedResources`: beta 1.36). Pure.
 */
import { PodObject } from '../../decode/apiTypes';
import { readQuantity } from '../../decode/decoded';
import { ResourceKey, Resources, toNano } from './resources';

const NONE: Record<string, unknown> = {};

function listOf(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : NONE;
}

/** Pod-level requests and limits (`spec.resources`, or `status.resources` in effect), cpu and memory parsed. */
export interface PodLevel {
  /** what the spec sets; undefined fields are left to the containers */
  spec: Resources;
  /** the kubelet's applied (else admitted) pod-level values; these include the pod overhead */
  applied: Resources;
}

export function readPodLevel(pod: PodObject, where: string, problems: string[]): PodLevel | undefined {
  const spec = pod.spec?.resources;
  if (typeof spec !== 'object' || spec === null) {
    return undefined;
  }
  const requests = listOf(spec.requests);
  const limits = listOf(spec.limits);
  const specLevel: Resources = {
    cpuRequest: readQuantity(requests.cpu, `${where} pod-level cpu request`, problems),
    memoryRequest: readQuantity(requests.memory, `${where} pod-level memory request`, problems),
    cpuLimit: readQuantity(limits.cpu, `${where} pod-level cpu limit`, problems),
    memoryLimit: readQuantity(limits.memory, `${where} pod-level memory limit`, problems),
  };
  if (Object.values(specLevel).every((v) => v === undefined)) {
    return undefined;
  }
  const status = pod.status ?? {};
  const applied = status.resources;
  const appliedRequests = listOf(applied?.requests ?? status.allocatedResources);
  const appliedLimits = listOf(applied?.limits);
  return {
    spec: specLevel,
    applied: {
      cpuRequest: readQuantity(appliedRequests.cpu, `${where} pod-level cpu request in effect`, problems),
      memoryRequest: readQuantity(appliedRequests.memory, `${where} pod-level memory request in effect`, problems),
      cpuLimit: readQuantity(appliedLimits.cpu, `${where} pod-level cpu limit in effect`, problems),
      memoryLimit: readQuantity(appliedLimits.memory, `${where} pod-level memory limit in effect`, problems),
    },
  };
}

/**
 * Pod-level resources (PodLevelResources, 1.34+) over the container aggregate, as component-helpers
 * `PodRequests`/`PodLimits` do: each of cpu and memory the pod sets replaces the containers' sum, plus the
 * overhead (limits only where there is one). In effect, the kubelet's pod-level `status.resources` (pod-level
 * resize, beta 1.36; else `status.allocatedResources` for requests) wins: it already includes the overhead.
 */
export function withPodLevel(
  aggregate: Resources,
  level: PodLevel,
  overhead: { cpu?: number; memory?: number },
  useApplied: boolean
): Resources {
  const one = (key: ResourceKey, extra: number | undefined): number | undefined => {
    const applied = useApplied ? level.applied[key] : undefined;
    if (applied !== undefined) {
      return applied;
    }
    const set = level.spec[key];
    if (set === undefined) {
      return aggregate[key];
    }
    return extra === undefined || (set === 0 && key.endsWith('Limit')) ? set : toNano(set + extra);
  };
  return {
    cpuRequest: one('cpuRequest', overhead.cpu),
    memoryRequest: one('memoryRequest', overhead.memory),
    cpuLimit: one('cpuLimit', overhead.cpu),
    memoryLimit: one('memoryLimit', overhead.memory),
  };
}
