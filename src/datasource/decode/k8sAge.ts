import { parseKubeTime } from './kubeTime';

/**
 * Ages and durations as kubectl shows them, but as whole seconds so Grafana formats them (unit
 * `dtdurations`) and tables sort them numerically. Absent or unparseable times give null, never 0.
 */

/** Seconds from `timestamp` (metav1.Time) to `nowMs`; a clock a little behind the server's gives 0, not a negative age. */
export function ageSeconds(timestamp: string | null | undefined, nowMs: number): number | null {
  const ms = parseKubeTime(timestamp);
  return ms === undefined ? null : secondsBetween(ms, nowMs);
}

/** Whole seconds from `fromMs` to `toMs`, floored like kubectl's ages, never negative. */
export function secondsBetween(fromMs: number | undefined, toMs: number | undefined): number | null {
  if (fromMs === undefined || toMs === undefined || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    return null;
  }
  return Math.max(0, Math.floor((toMs - fromMs) / 1000));
}
