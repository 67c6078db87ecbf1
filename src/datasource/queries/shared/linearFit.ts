/**
 * A robust straight-line fit of a sampled series: the Theil–Sen estimator. The slope is the median of the
 * slopes between every pair of points, the intercept the median of what each point leaves over, so up to
 * about 29% of the points can be wild (a log rotation, a kubelet that read a half-written file) without
 * moving the line. Least squares (Prometheus' predict_linear) lets one such point swing the answer.
 *
 * All pairs cost n²/2, so a long series is first reduced to REDUCED_POINTS bucket medians (consecutive
 * equal-count buckets; the median time and median value of each), which keeps the outlier resistance and
 * bounds the cost at ~2,000 slopes per series; medians are found by selection, not sorting. Residuals and
 * the noise estimate use every point.
 */

/** Above this many points the series is reduced to this many bucket medians before pairing. */
export const REDUCED_POINTS = 64;

/** 1 / Φ⁻¹(3/4): scales a median absolute deviation to a normal distribution's standard deviation. */
const MAD_TO_SIGMA = 1.4826;

export interface LinearFit {
  /** change of the value per second */
  slopePerSecond: number;
  /** the fitted value at a time (ms) */
  valueAt(timeMs: number): number;
  /** points fitted (finite ones only) */
  n: number;
  firstMs: number;
  lastMs: number;
  /**
   * Robust spread of the points around the line (1.4826 × the median absolute residual): what one
   * reading's noise is, in the value's unit.
   */
  residualSigma: number;
  /**
   * The slope's standard error as least squares would give it, with the robust sigma in place of the
   * residuals' RMS: the slope divided by this says how far above the noise the trend stands.
   */
  slopeStdError: number;
}

/**
 * Fits `values` against `timesMs` (ascending). Non-finite points are skipped; fewer than two points, or
 * all at one time, have no line (undefined).
 */
export function robustLinearFit(timesMs: ArrayLike<number>, values: ArrayLike<number>): LinearFit | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  const len = Math.min(timesMs.length, values.length);
  let origin = NaN;
  for (let i = 0; i < len; i++) {
    const t = timesMs[i];
    const v = values[i];
    if (Number.isFinite(t) && Number.isFinite(v)) {
      if (Number.isNaN(origin)) {
        origin = t;
      }
      // seconds from the first point: epoch milliseconds squared would lose digits
      xs.push((t - origin) / 1000);
      ys.push(v);
    }
  }
  const n = xs.length;
  if (n < 2) {
    return undefined;
  }
  const spanS = xs[n - 1] - xs[0];
  if (!(spanS > 0)) {
    return undefined;
  }
  const [px, py] = n > REDUCED_POINTS ? bucketMedians(xs, ys, REDUCED_POINTS) : [xs, ys];
  const slope = pairwiseMedianSlope(px, py);
  const leftOver = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    leftOver[i] = ys[i] - slope * xs[i];
  }
  const intercept = median(leftOver);
  const absResiduals = leftOver.map((r) => Math.abs(r - intercept));
  const residualSigma = MAD_TO_SIGMA * median(absResiduals);
  let meanX = 0;
  for (const x of xs) {
    meanX += x / n;
  }
  let sxx = 0;
  for (const x of xs) {
    sxx += (x - meanX) * (x - meanX);
  }
  return {
    slopePerSecond: slope,
    valueAt: (timeMs) => intercept + slope * ((timeMs - origin) / 1000),
    n,
    firstMs: origin,
    lastMs: origin + xs[n - 1] * 1000,
    residualSigma,
    slopeStdError: residualSigma / Math.sqrt(sxx),
  };
}

function pairwiseMedianSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j] - xs[i];
      if (dx !== 0) {
        slopes[k++] = (ys[j] - ys[i]) / dx;
      }
    }
  }
  return median(slopes.subarray(0, k));
}

/** Consecutive equal-count buckets, each as its median time and median value. */
function bucketMedians(xs: readonly number[], ys: readonly number[], buckets: number): [number[], number[]] {
  const n = xs.length;
  const scratch = Float64Array.from(ys);
  const bx: number[] = [];
  const by: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to > from) {
      // times ascend: their median is the middle of the bucket
      bx.push((xs[from + ((to - from - 1) >> 1)] + xs[from + ((to - from) >> 1)]) / 2);
      by.push(median(scratch.subarray(from, to)));
    }
  }
  return [bx, by];
}

/** The median of the values, by selection in linear time (reorders the array it is given). */
function median(values: Float64Array): number {
  const n = values.length;
  if (!n) {
    return NaN;
  }
  const mid = n >> 1;
  const upper = select(values, mid);
  if (n % 2) {
    return upper;
  }
  // after selection every value left of mid is at most the upper middle: the lower middle is their largest
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) {
    lower = Math.max(lower, values[i]);
  }
  return (lower + upper) / 2;
}

/** Hoare's quickselect: the k-th smallest, with the smaller values moved before index k. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // median of three as the pivot keeps sorted input (the usual case for a filling disk) linear
    const m = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(a[lo], a[m]), Math.min(Math.max(a[lo], a[m]), a[hi]));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) {
        i++;
      }
      while (a[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      break; // between j and i everything equals the pivot
    }
  }
  return a[k];
}
