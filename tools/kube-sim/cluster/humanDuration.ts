/**
 * apimachinery's duration.HumanDuration (pkg/util/duration/duration.go): the AGE and "(5m ago)" text of
 * kube-apiserver's printers, two or three significant figures from "59s" to "3y12d". A time up to a second
 * in the future gives "0s", further out "<invalid>".
 * Written apart from the data source's k8sAge.ts on purpose: kube-sim plays the server, and the kubectl
 * differential compares the two; a shared implementation would make that comparison test nothing.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) {
    return '<invalid>';
  }
  if (seconds < 0) {
    return '0s';
  }
  if (seconds < 120) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    return pair(minutes, 'm', seconds % 60, 's');
  }
  if (minutes < 180) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    return pair(hours, 'h', minutes % 60, 'm');
  }
  if (hours < 48) {
    return `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  if (hours < 8 * 24) {
    return pair(days, 'd', hours % 24, 'h');
  }
  if (hours < 2 * 365 * 24) {
    return `${days}d`;
  }
  const years = Math.floor(days / 365);
  return hours < 8 * 365 * 24 ? pair(years, 'y', days % 365, 'd') : `${years}y`;
}

function pair(big: number, bigUnit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${big}${bigUnit}` : `${big}${bigUnit}${rest}${restUnit}`;
}

/** translateTimestampSince: "<unknown>" for a missing time */
export function age(timestamp: unknown, nowMs: number): string {
  const ms = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  return Number.isNaN(ms) ? '<unknown>' : humanDuration(nowMs - ms);
}
