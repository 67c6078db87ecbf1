/** Time formats the API uses, and a manual clock for tests and the playground. */

/** metav1.Time: RFC3339 in UTC to the second, e.g. 2024-05-01T10:00:00Z. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Go's time.Duration.String() for a non-negative duration in ms: "30s", "15.021s", "1m0s", "1h2m3s", "500ms". */
export function goDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  if (ms < 1000) {
    return `${trimZeros(ms.toFixed(3))}ms`;
  }
  const totalSec = ms / 1000;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec - h * 3600) / 60);
  const s = totalSec - h * 3600 - m * 60;
  const sec = `${trimZeros(s.toFixed(3))}s`;
  if (h > 0) {
    return `${h}h${m}m${sec}`;
  }
  if (m > 0) {
    return `${m}m${sec}`;
  }
  return sec;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Parses an RFC3339 timestamp (with optional fraction and offset); undefined when invalid. */
export function parseRfc3339(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    return undefined;
  }
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface ManualClock {
  (): number;
  /** moves time forward by ms */
  advance(ms: number): void;
  set(ms: number): void;
}

/** A clock that only moves when told to: pass it as KubeSimOptions.clock. */
export function manualClock(startMs: number): ManualClock {
  let now = startMs;
  const clock = (() => now) as ManualClock;
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (ms: number) => {
    now = ms;
  };
  return clock;
}
