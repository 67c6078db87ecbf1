/**
 * From a used-bytes history and a capacity to a fill outlook: the rate by a robust fit, the time until the
 * fitted line reaches the capacity, and how far to trust it. Pure: the caller gives the points and "now".
 */
import { LinearFit, robustLinearFit } from '../shared/linearFit';

/** Fewer points than this, or a shorter span, and the projection is marked low confidence. */
export const MIN_CONFIDENT_SAMPLES = 6;
export const MIN_CONFIDENT_SPAN_MS = 10 * 60_000;
/**
 * How many standard errors the slope must stand above zero: below NO_TREND_SE a rise is within the
 * noise (no projection), below CONFIDENT_SE it is projected but marked noisy.
 */
export const NO_TREND_SE = 2;
export const CONFIDENT_SE = 4;

/** soonest first: filling (by time), then full, then the rest */
export type FillStatus = 'full' | 'filling' | 'notFilling' | 'noTrend' | 'waiting';

export interface FillProjection {
  status: FillStatus;
  /** bytes per second (negative when shrinking); absent before two samples */
  ratePerSecond?: number;
  /** seconds from `nowMs` until full; 0 when full already */
  secondsToFull?: number;
  fullAtMs?: number;
  /** where the projection starts: the fitted line at the latest reading (filling only) */
  lineFrom?: { timeMs: number; value: number };
  /** what the table shows: "in 3h 12m", "not filling", … */
  outlook: string;
  /** "high", or "low: " and why */
  confidence: string;
}

export interface FillHistory {
  times: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** The outlook of one target whose latest use is `usedNow` of `capacity`, as of `nowMs`. */
export function projectFill(history: FillHistory, capacity: number, usedNow: number, nowMs: number): FillProjection {
  const fit = robustLinearFit(history.times, history.values);
  if (capacity > 0 && usedNow >= capacity) {
    return {
      status: 'full',
      ratePerSecond: fit?.slopePerSecond,
      secondsToFull: 0,
      fullAtMs: nowMs,
      outlook: 'full',
      ...high,
    };
  }
  if (!fit) {
    const n = countFinite(history.values);
    return {
      status: 'waiting',
      outlook: 'waiting for history',
      confidence: `low: ${n} sample${n === 1 ? '' : 's'}, a rate needs two at different times`,
    };
  }
  const rate = fit.slopePerSecond;
  const short = shortHistory(fit);
  if (!(rate > 0)) {
    return { status: 'notFilling', ratePerSecond: rate, outlook: 'not filling', confidence: confidence([short]) };
  }
  const standing = fit.slopeStdError > 0 ? rate / fit.slopeStdError : Infinity;
  if (standing < NO_TREND_SE) {
    return {
      status: 'noTrend',
      ratePerSecond: rate,
      outlook: 'not filling (no trend beyond the noise)',
      confidence: confidence([short, noiseNote(fit)]),
    };
  }
  if (!(capacity > 0)) {
    return { status: 'waiting', ratePerSecond: rate, outlook: 'no capacity reported', confidence: 'low: no capacity' };
  }
  // from the line at the latest sample (a last outlier does not jump the answer), never before now
  const fullAtMs = Math.max(nowMs, fit.lastMs + ((capacity - fit.valueAt(fit.lastMs)) / rate) * 1000);
  const secondsToFull = (fullAtMs - nowMs) / 1000;
  return {
    status: 'filling',
    ratePerSecond: rate,
    secondsToFull,
    fullAtMs,
    lineFrom: { timeMs: fit.lastMs, value: fit.valueAt(fit.lastMs) },
    outlook: secondsToFull < 1 ? 'full now at this rate' : `in ${humanDuration(secondsToFull)}`,
    confidence: confidence([short, standing < CONFIDENT_SE ? noiseNote(fit) : undefined]),
  };
}

const high = { confidence: 'high' };

/** "high", or "low: " and every reason */
function confidence(reasons: Array<string | undefined>): string {
  const why = reasons.filter((r): r is string => Boolean(r));
  return why.length ? `low: ${why.join('; ')}` : 'high';
}

function shortHistory(fit: LinearFit): string | undefined {
  const spanMs = fit.lastMs - fit.firstMs;
  if (fit.n >= MIN_CONFIDENT_SAMPLES && spanMs >= MIN_CONFIDENT_SPAN_MS) {
    return undefined;
  }
  return `short history (${fit.n} samples over ${humanDuration(spanMs / 1000)})`;
}

function noiseNote(fit: LinearFit): string {
  return `noisy (readings scatter ±${bytes(fit.residualSigma)} around the trend)`;
}

function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    n += Number.isFinite(values[i]) ? 1 : 0;
  }
  return n;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → "1.5 KiB" */
export function bytes(n: number): string {
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 && u > 0 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

/** Two largest units: 11_520 → "3h 12m", 90 → "1m 30s", 200 days → "200d 0h"; past a year "over a year". */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 365 * 86_400) {
    return 'over a year';
  }
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([v]) => v > 0);
  if (first < 0) {
    return '0s';
  }
  return parts
    .slice(first, first + 2)
    .map(([v, u]) => `${v}${u}`)
    .join(' ');
}
