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

/**
 * A duration as kubectl prints ages and "(5m ago)" (apimachinery's duration.HumanDuration): about two or three
 * significant figures, from "59s" to "3y12d". A clock up to a second ahead gives "0s"; more is "<invalid>".
 * kube-sim has its own copy (tools/kube-sim/humanDuration.ts) on purpose: the kubectl differential compares
 * the two, so they must stay separate implementations.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) {
    return '<invalid>';
  }
  if (seconds < 0) {
    return '0s';
  }
  if (seconds < 2 * 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    return withRest(minutes, 'm', seconds % 60, 's');
  }
  if (minutes < 3 * 60) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    return withRest(hours, 'h', minutes % 60, 'm');
  }
  if (hours < 48) {
    return `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  if (hours < 8 * 24) {
    return withRest(days, 'd', hours % 24, 'h');
  }
  if (hours < 2 * 365 * 24) {
    return `${days}d`;
  }
  const years = Math.floor(days / 365);
  return hours < 8 * 365 * 24 ? withRest(years, 'y', days % 365, 'd') : `${years}y`;
}

/** "5m" or "5m30s": the smaller unit only when it is not zero. */
function withRest(big: number, bigUnit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${big}${bigUnit}` : `${big}${bigUnit}${rest}${restUnit}`;
}
