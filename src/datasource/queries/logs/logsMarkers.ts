/**
 * Restart markers: a row in the log stream where a container's previous instance ended ("app restarted:
 * OOMKilled, exit 137"), as stern and k9s users expect to see a crash among the lines. The API keeps only the
 * last termination of each container (status.lastState), so a container shows at most one marker: its latest
 * restart.
 */
import type { LogLevel } from '../../../common/logLevel';
import { kubeletTimestamp, LogRows, LogStreamLabels, mergeByTime } from './logLines';
import { emptyRows } from './logsRows';
import type { LogTarget, Termination } from './logsTargets';

/** A marker's tie number: far above any real run of lines in one instant, so its id never meets a line's. */
export const MARKER_SEQ = 1_000_000;

/** "app restarted: OOMKilled, exit 137"; "Signal 9" when the runtime gave no reason. */
export function restartText(container: string, t: Termination): string {
  const why = t.reason ?? (t.signal ? `Signal ${t.signal}` : 'terminated');
  const exit = t.exitCode !== undefined ? `, exit ${t.exitCode}` : '';
  return `${container} restarted: ${why}${exit}`;
}

/** A clean exit (0) restarts quietly; anything else is a crash. */
function restartLevel(t: Termination): LogLevel {
  return t.exitCode === 0 ? 'info' : 'error';
}

/** The marker row of one container's last restart, when there is one in [fromMs, toMs]. */
export function restartMarker(target: LogTarget, fromMs?: number, toMs?: number): LogRows | undefined {
  const t = target.lastTermination;
  if (!t || (target.restartCount ?? 0) === 0) {
    return undefined;
  }
  if ((fromMs !== undefined && t.finishedAtMs < fromMs) || (toMs !== undefined && t.finishedAtMs > toMs)) {
    return undefined;
  }
  const labels: LogStreamLabels = { ...target.labels, marker: 'restart' };
  const rows = emptyRows();
  rows.timeMs.push(t.finishedAtMs);
  rows.nanos.push(0);
  rows.tsNanos.push(kubeletTimestamp(t.finishedAtMs));
  rows.body.push(restartText(target.container, t));
  rows.level.push(restartLevel(t));
  rows.seq.push(MARKER_SEQ);
  rows.labels.push(labels);
  rows.count = 1;
  return rows;
}

/** The markers of every target's last restart within the window, in time order. */
export function restartMarkers(targets: readonly LogTarget[], fromMs?: number, toMs?: number): LogRows {
  const rows = targets.map((t) => restartMarker(t, fromMs, toMs)).filter((r): r is LogRows => r !== undefined);
  return rows.length ? mergeByTime(rows) : emptyRows();
}
