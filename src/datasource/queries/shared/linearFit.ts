/**
 * A robust straight-line fit of a sampled series: the Theil–Sen estimator. The slope is the median of the
 * slopes between every pair of points, the intercept the median of what each point leaves over, so up to
 * about 29% of the points can be wild (a log rotation, a kubelet that read a half-written file) without
 * moving the line. Least squares (Prometheus' predict_linear) lets one such point swing the answer.
 *
 * All pairs cost n²/2, so a long series is first reduced to REDUCED_POINTS bucket medians (consecutive
 * equal-count buckets; the median time and median value of each), which keeps the outlier resistance and
 * bounds the cost at ~8,000 slopes per series. Residuals and the noise estimate use every point.
 */

/** Above this many points the series is reduced to this many bucket medians before pairing. */
export const REDUCED_POINTS = 128;

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
  const bx: number[] = [];
  const by: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to > from) {
      bx.push(median(Float64Array.from(xs.slice(from, to))));
      by.push(median(Float64Array.from(ys.slice(from, to))));
    }
  }
  return [bx, by];
}

/** The median of the values (sorts the array it is given). */
function median(values: Float64Array): number {
  const n = values.length;
  if (!n) {
    return NaN;
  }
  values.sort();
  const mid = n >> 1;
  return n % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}
