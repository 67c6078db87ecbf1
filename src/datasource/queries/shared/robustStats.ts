/**
 * Order statistics for usage answers (outliers, right-sizing): median, median absolute deviation, quantiles.
 * Pure; every function ignores non-finite values and answers undefined for an empty input.
 */

/** The consistency constant that makes MAD estimate the standard deviation of normally distributed values. */
export const MAD_TO_SIGMA = 1.4826;

/** The finite values, sorted ascending (a copy). */
export function sortedFinite(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    if (Number.isFinite(v)) {
      out.push(v);
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * The q-quantile (0..1) of values already sorted ascending, interpolated between the two nearest ranks
 * (numpy's default, R's type 7): p50 of [1, 2, 3, 4] is 2.5, p95 of 1..20 is 19.05.
 */
export function quantileSorted(sorted: readonly number[], q: number): number | undefined {
  if (!sorted.length || !(q >= 0 && q <= 1)) {
    return undefined;
  }
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function quantile(values: readonly number[], q: number): number | undefined {
  return quantileSorted(sortedFinite(values), q);
}

export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

export function mean(values: readonly number[]): number | undefined {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : undefined;
}

/** Median and median absolute deviation (raw, not scaled): the centre and spread one outlier cannot move. */
export function medianAndMad(values: readonly number[]): { median: number; mad: number } | undefined {
  const sorted = sortedFinite(values);
  const m = quantileSorted(sorted, 0.5);
  if (m === undefined) {
    return undefined;
  }
  const deviations = sorted.map((v) => Math.abs(v - m)).sort((a, b) => a - b);
  return { median: m, mad: quantileSorted(deviations, 0.5)! };
}
