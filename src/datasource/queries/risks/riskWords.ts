/** Small readers and phrases every check shares: conditions, times, counts. */
import { Condition, KubeObject } from '../../decode/apiTypes';
import { humanDuration } from '../../decode/k8sAge';
import { parseKubeTime } from '../../decode/kubeTime';

/**
 * How long a state must last before it is a warning, not yet news: the kubernetes-mixin's `for: 15m` on
 * KubePodNotReady, the replica mismatches and the rollout alerts. Younger states are info.
 */
export const SETTLE_MS = 15 * 60_000;

/** How far back a restart of a running container still counts: a day, so an OOM kill overnight shows in the morning. */
export const RECENT_MS = 24 * 60 * 60_000;

export function conditionOf(conditions: readonly Condition[] | null | undefined, type: string): Condition | undefined {
  if (!Array.isArray(conditions)) {
    return undefined;
  }
  return conditions.find((c) => c?.type === type);
}

export function isTrue(c: Condition | undefined): boolean {
  return c?.status === 'True';
}

export function metaOf(o: KubeObject): { name: string; namespace: string } | undefined {
  const name = o?.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    return undefined;
  }
  const ns = o.metadata?.namespace;
  return { name, namespace: typeof ns === 'string' ? ns : '' };
}

/** A condition's transition time, else the object's creation: when the state it reports began. */
export function sinceOf(c: Condition | undefined, o: KubeObject): number | undefined {
  return parseKubeTime(c?.lastTransitionTime) ?? parseKubeTime(o.metadata?.creationTimestamp);
}

/** "3m ago", or "" when the time is unknown. */
export function ago(ms: number | undefined, nowMs: number): string {
  return ms === undefined ? '' : `${humanDuration(nowMs - ms)} ago`;
}

/** "for 3m", or "" when the time is unknown. */
export function lasting(ms: number | undefined, nowMs: number): string {
  return ms === undefined ? '' : ` for ${humanDuration(nowMs - ms)}`;
}

/** Older than the settle time (or of unknown age: assume it is not new). */
export function settled(sinceMs: number | undefined, nowMs: number): boolean {
  return sinceMs === undefined || nowMs - sinceMs >= SETTLE_MS;
}

export function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A message as one line, without a trailing period (the reason adds its own punctuation). */
export function clean(text: string | undefined | null): string {
  return typeof text === 'string' ? text.replace(/\s+/g, ' ').trim().replace(/\.$/, '') : '';
}
