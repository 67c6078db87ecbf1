/**
 * Outlier scoring for 1,000 workloads (3 to 20 pods each, CPU, memory and restarts), against JSON.parse of
 * the same workloads as JSON: the scoring should cost about what reading its input does.
 */
import { outliersFrame } from '../src/datasource/queries/outliers/outliersFrame';
import { scoreWorkloads, WorkloadPods } from '../src/datasource/queries/outliers/outlierScoring';
import { OutlierSignal } from '../src/datasource/types';
import { compare } from './lib';

const WORKLOADS = 1000;
const SIGNALS: OutlierSignal[] = ['cpu', 'memory', 'restarts'];

/** A small deterministic generator (mulberry32), so every run scores the same cluster. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Workloads whose pods vary by ±10 %, one pod in twenty far off. */
function workloads(): WorkloadPods[] {
  const r = random(16);
  return Array.from({ length: WORKLOADS }, (_, w) => {
    const cpu = 0.05 + r();
    const memory = (64 + r() * 2048) * 2 ** 20;
    const n = 3 + Math.floor(r() * 18);
    return {
      namespace: `ns-${w % 40}`,
      workload: `Deployment/app-${w}`,
      pods: Array.from({ length: n }, (_, p) => {
        const off = r() < 0.05 ? 4 : 1;
        return {
          pod: `app-${w}-${p}`,
          values: {
            cpu: cpu * off * (0.9 + r() * 0.2),
            memory: memory * (0.9 + r() * 0.2),
            restarts: r() < 0.03 ? 12 : 0,
          },
        };
      }),
    };
  });
}

export async function benchOutliers(): Promise<void> {
  const input = workloads();
  const json = JSON.stringify(input);
  const pods = input.reduce((n, w) => n + w.pods.length, 0);
  compare(
    `outlier scoring, ${WORKLOADS.toLocaleString('en-US')} workloads, ${pods.toLocaleString('en-US')} pods, 3 signals (${(json.length / 1e6).toFixed(1)} MB of JSON)`,
    { name: 'JSON.parse of the same workloads', run: () => JSON.parse(json) },
    [
      { name: 'score, outliers only', run: () => scoreWorkloads(input, SIGNALS) },
      {
        name: 'score every pod and frame (showAll)',
        run: () => outliersFrame(scoreWorkloads(input, SIGNALS, true), 'A', []),
      },
    ],
    (r) => `${Math.round(pods / (r.medianMs / 1000)).toLocaleString('en-US')} pods/s`
  );
}
