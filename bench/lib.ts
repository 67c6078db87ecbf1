/**
 * A small benchmark runner: each case is timed against a baseline measured in the same run, on the same
 * input, so the printed ratio means something on any machine. Times are medians of several rounds.
 */

export interface BenchCase {
  name: string;
  run: () => unknown;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  rounds: number;
}

let sink: unknown;

/** Median wall time of one call, after warm-up, over rounds that together take at least minTotalMs. */
export function measure(c: BenchCase, minTotalMs = 1500, minRounds = 7): BenchResult {
  for (let i = 0; i < 3; i++) {
    sink = c.run();
  }
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRounds || performance.now() - started < minTotalMs) {
    const t0 = performance.now();
    sink = c.run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name: c.name, medianMs: times[Math.floor(times.length / 2)], rounds: times.length };
}

/** Prints "<case>: <ms> ms, <ratio>x <baseline>" lines and returns the ratios. */
export function compare(
  title: string,
  baseline: BenchCase,
  cases: BenchCase[],
  extra?: (r: BenchResult) => string
): number[] {
  const base = measure(baseline);
  console.log(`\n${title}`);
  console.log(`  baseline  ${base.name}: ${base.medianMs.toFixed(2)} ms (median of ${base.rounds})`);
  const ratios: number[] = [];
  for (const c of cases) {
    const r = measure(c);
    const ratio = r.medianMs / base.medianMs;
    ratios.push(ratio);
    const more = extra ? `, ${extra(r)}` : '';
    console.log(
      `  ${r.name}: ${r.medianMs.toFixed(2)} ms (median of ${r.rounds}), ${ratio.toFixed(2)}x the baseline${more}`
    );
  }
  return ratios;
}

/** Keeps the optimiser from dropping results. */
export function consumed(): unknown {
  return sink;
}
