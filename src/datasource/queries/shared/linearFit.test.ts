import { REDUCED_POINTS, robustLinearFit } from './linearFit';

const T0 = Date.UTC(2026, 0, 1);
const MiB = 1024 * 1024;

/** `n` points every `stepS` seconds of `start + rate·t`, plus whatever `noise(i)` adds. */
function series(n: number, stepS: number, start: number, rate: number, noise: (i: number) => number = () => 0) {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(T0 + i * stepS * 1000);
    values.push(start + rate * i * stepS + noise(i));
  }
  return { times, values };
}

/** A fixed pseudo-random sequence in [-1, 1) (a linear congruential generator), so a test sees the same noise. */
function jitter(seed: number): (i: number) => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (s / 2_147_483_648) * 2 - 1;
  };
}

describe('robustLinearFit', () => {
  it('finds the slope and the line of an exact series, in value per second', () => {
    const { times, values } = series(40, 15, 10 * MiB, 2048);
    const fit = robustLinearFit(times, values)!;
    expect(fit.slopePerSecond).toBeCloseTo(2048, 6);
    expect(fit.valueAt(times[39])).toBeCloseTo(values[39], 3);
    // one hour after the last point
    expect(fit.valueAt(times[39] + 3_600_000)).toBeCloseTo(values[39] + 2048 * 3600, 3);
    expect(fit.n).toBe(40);
    expect(fit.firstMs).toBe(times[0]);
    expect(fit.lastMs).toBe(times[39]);
    expect(fit.residualSigma).toBe(0);
  });

  it('keeps a falling or a flat series as it is', () => {
    const falling = series(20, 60, 5e9, -1000);
    expect(robustLinearFit(falling.times, falling.values)!.slopePerSecond).toBeCloseTo(-1000, 6);
    const flat = series(20, 60, 5e9, 0);
    expect(robustLinearFit(flat.times, flat.values)!.slopePerSecond).toBe(0);
  });

  it('is not moved by a few wild points where least squares would be', () => {
    const spikes = new Set([5, 17, 30]);
    const { times, values } = series(40, 15, 100 * MiB, 1000, (i) => (spikes.has(i) ? 500 * MiB : 0));
    const fit = robustLinearFit(times, values)!;
    expect(fit.slopePerSecond).toBeCloseTo(1000, 6);
    expect(fit.residualSigma).toBe(0);
    // least squares over the same points: the spikes alone make its slope wrong by far more than 10%
    const n = times.length;
    const xs = times.map((t) => (t - times[0]) / 1000);
    const mx = xs.reduce((a, b) => a + b) / n;
    const my = values.reduce((a, b) => a + b) / n;
    const ols =
      xs.reduce((s, x, i) => s + (x - mx) * (values[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) * (x - mx), 0);
    expect(Math.abs(ols - 1000) / 1000).toBeGreaterThan(0.1);
  });

  it('recovers a trend under noise, and tells the noise and the slope error', () => {
    const noise = jitter(7);
    const { times, values } = series(240, 15, 1e9, 5000, (i) => 2 * MiB * noise(i));
    const fit = robustLinearFit(times, values)!;
    expect(Math.abs(fit.slopePerSecond - 5000) / 5000).toBeLessThan(0.05);
    // uniform noise of ±2 MiB has a standard deviation of 2/√3 MiB ≈ 1.15 MiB
    expect(fit.residualSigma / MiB).toBeGreaterThan(0.8);
    expect(fit.residualSigma / MiB).toBeLessThan(1.6);
    // 240 points over an hour: the trend stands many standard errors above zero
    expect(fit.slopePerSecond / fit.slopeStdError).toBeGreaterThan(10);
  });

  it('says a trend hidden in noise stands near zero standard errors', () => {
    const noise = jitter(11);
    const { times, values } = series(20, 15, 1e9, 10, (i) => 50 * MiB * noise(i));
    const fit = robustLinearFit(times, values)!;
    expect(Math.abs(fit.slopePerSecond / fit.slopeStdError)).toBeLessThan(2);
  });

  it('reduces a long series to bucket medians and still finds its slope, outliers and all', () => {
    const n = REDUCED_POINTS * 20;
    const noise = jitter(3);
    const { times, values } = series(n, 5, 2e9, 300, (i) => (i % 50 === 7 ? -1e9 : 64 * 1024 * noise(i)));
    const fit = robustLinearFit(times, values)!;
    expect(Math.abs(fit.slopePerSecond - 300) / 300).toBeLessThan(0.02);
    expect(fit.n).toBe(n);
  });

  it('skips non-finite points and has no line for fewer than two points or a zero span', () => {
    const fit = robustLinearFit([T0, T0 + 1000, T0 + 2000, T0 + 3000], [0, NaN, 20, Infinity])!;
    expect(fit.n).toBe(2);
    expect(fit.slopePerSecond).toBe(10);
    expect(robustLinearFit([T0], [1])).toBeUndefined();
    expect(robustLinearFit([], [])).toBeUndefined();
    expect(robustLinearFit([T0, T0], [1, 2])).toBeUndefined();
    expect(robustLinearFit([T0, T0 + 1000], [NaN, 2])).toBeUndefined();
  });

  it('keeps its precision at epoch times with byte-sized values', () => {
    const { times, values } = series(100, 15, 900 * 1024 * MiB, 0.5);
    const fit = robustLinearFit(times, values)!;
    expect(fit.slopePerSecond).toBeCloseTo(0.5, 6);
  });
});
