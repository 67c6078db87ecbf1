/**
 * The time-to-full fit at cluster scale: 500 used-bytes series (say 100 nodes' filesystems and memory and 200
 * PVCs and pods) of an hour at 15 s (240 points), and of six hours (1,440 points, reduced to 128 bucket
 * medians first), each with noise and a few wild readings. The robust fit (Theil–Sen) against ordinary
 * least squares over the same points, the least any fit costs.
 */
import { robustLinearFit } from '../src/datasource/queries/shared/linearFit';
import { compare } from './lib';

const SERIES = 500;
const INTERVAL_MS = 15_000;
const T0 = Date.UTC(2025, 0, 1);

function makeSeries(points: number): Array<{ times: Float64Array; values: Float64Array }> {
  let seed = 12_345;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648 - 0.5;
  };
  return Array.from({ length: SERIES }, (_, s) => {
    const times = new Float64Array(points);
    const values = new Float64Array(points);
    const rate = 1000 * (s % 17);
    for (let i = 0; i < points; i++) {
      times[i] = T0 + i * INTERVAL_MS;
      values[i] = 5e9 + rate * i * 15 + 4e6 * noise() + (i % 97 === 13 ? 3e9 : 0);
    }
    return { times, values };
  });
}

function leastSquaresSlope(times: Float64Array, values: Float64Array): number {
  const n = times.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += (times[i] - times[0]) / 1000 / n;
    my += values[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (times[i] - times[0]) / 1000 - mx;
    sxy += dx * (values[i] - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

export async function benchTimeToFull(): Promise<void> {
  for (const [label, points] of [
    ['1 h at 15 s', 240],
    ['6 h at 15 s', 1440],
  ] as const) {
    const series = makeSeries(points);
    compare(
      `time to full: fit ${SERIES} series of ${points} points (${label})`,
      { name: 'least squares', run: () => series.map((s) => leastSquaresSlope(s.times, s.values)) },
      [{ name: 'Theil–Sen (robustLinearFit)', run: () => series.map((s) => robustLinearFit(s.times, s.values)) }],
      (r) => `${((r.medianMs * 1000) / SERIES).toFixed(0)} µs per series`
    );
  }
}
