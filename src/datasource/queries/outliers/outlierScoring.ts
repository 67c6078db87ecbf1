/**
 * Outlier pods: within one workload, a pod whose value of a signal lies far from its siblings' median,
 * measured in scaled median absolute deviations (the robust z-score of Iglewicz and Hoaglin that Datadog's
 * MAD outlier monitor also uses). Pure.
 *
 *   score = |x − median| / max(1.4826 · MAD, RELATIVE_FLOOR · |median|, ABSOLUTE_FLOOR[signal])
 *
 * The floors keep near-identical siblings from flagging on noise: with the relative floor a pod must stand
 * more than TOLERANCE × RELATIVE_FLOOR (70 %) away from the median (replicas behind one Service
 * commonly differ by a third) before it can flag, and the absolute one
 * stops tiny values (an idle pod at 1m CPU against 0m) from doing so.
 */
import { OutlierSignal } from '../../types';
import { MAD_TO_SIGMA, medianAndMad } from '../shared/robustStats';

/** A score above this flags the pod (Iglewicz and Hoaglin's recommended cut-off for the modified z-score). */
export const TOLERANCE = 3.5;
/** The scaled MAD is at least this share of the median. */
export const RELATIVE_FLOOR = 0.2;
/** The scaled MAD is at least this much, in the signal's unit (cores, bytes, restarts). */
export const ABSOLUTE_FLOOR: Record<OutlierSignal, number> = {
  cpu: 0.01,
  memory: 16 * 2 ** 20,
  restarts: 1,
  errors: 0.05,
};
/** A workload with fewer pods than this has no majority to compare with. */
export const MIN_PODS = 3;

export interface PodValues {
  pod: string;
  /** a signal absent for this pod (no usage yet) is left out of that signal's comparison */
  values: Partial<Record<OutlierSignal, number>>;
}

export interface WorkloadPods {
  namespace: string;
  /** `Kind/name` */
  workload: string;
  pods: PodValues[];
}

export interface OutlierScore {
  namespace: string;
  workload: string;
  pod: string;
  signal: OutlierSignal;
  value: number;
  median: number;
  /** how many pods the median is over, this one included */
  pods: number;
  /** value / median; undefined when the median is 0 */
  ratio?: number;
  score: number;
  outlier: boolean;
  /** value and median as a person reads them (formatSignal) */
  valueText: string;
  medianText: string;
  reason: string;
}

const SIGNAL_WORDS: Record<OutlierSignal, string> = {
  cpu: 'CPU',
  memory: 'memory',
  restarts: 'restarts',
  errors: 'log error rate',
};

/** A value in its signal's unit, as a person reads it: 250m, 1.5 cores, 340 MiB, 1.2 GiB, 3 restarts. */
export function formatSignal(signal: OutlierSignal, v: number): string {
  switch (signal) {
    case 'cpu':
      return v < 1 ? `${Math.round(v * 1000)}m CPU` : `${fixed(v, 2)} cores`;
    case 'memory':
      return v >= 2 ** 30 ? `${fixed(v / 2 ** 30, 2)} GiB` : `${fixed(v / 2 ** 20, 1)} MiB`;
    case 'restarts':
      return `${Math.round(v)} restart${Math.round(v) === 1 ? '' : 's'}`;
    case 'errors':
      return `${fixed(v, 2)} errors/s`;
  }
}

/**
 * v rounded to at most `digits` decimals, trailing zeros dropped ("205.3", "1.5", "3"). Built from whole
 * numbers: writing a fraction out is the dearest step of a table of thousands of rows.
 */
export function fixed(v: number, digits: 1 | 2): string {
  const f = digits === 1 ? 10 : 100;
  const n = Math.round(Math.abs(v) * f);
  const whole = Math.floor(n / f);
  let frac = n - whole * f;
  const sign = v < 0 && n > 0 ? '-' : '';
  if (!frac) {
    return `${sign}${whole}`;
  }
  let width: number = digits;
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  return `${sign}${whole}.${String(frac).padStart(width, '0')}`;
}

function ratioText(r: number): string {
  return r >= 10 ? `${Math.round(r)}×` : `${fixed(r, 1)}×`;
}

/** Plain words: "uses 3.4× the median memory of the 12 pods of Deployment/web". */
export function outlierReason(s: Omit<OutlierScore, 'reason' | 'outlier'>): string {
  const against = `(${s.valueText} against ${s.medianText})`;
  const of = `the ${s.pods} pods of ${s.workload}`;
  const what = SIGNAL_WORDS[s.signal];
  if (s.signal === 'restarts') {
    const n = Math.round(s.value);
    return `restarted ${n} time${n === 1 ? '' : 's'}; the median of ${of} is ${fixed(s.median, 1)}`;
  }
  if (s.ratio === undefined || s.ratio === 0 || !Number.isFinite(s.ratio)) {
    return `${s.valueText}; the median ${what} of ${of} is ${s.medianText}`;
  }
  if (s.ratio >= 1) {
    return `uses ${ratioText(s.ratio)} the median ${what} of ${of} ${against}`;
  }
  return `uses ${Math.round((1 - s.ratio) * 100)}% less ${what} than the median of ${of} ${against}`;
}

/**
 * The scores for one signal of one workload: of every pod (`all`) or of the outliers only; none when fewer
 * than MIN_PODS have a value. Rows (and their reasons) are built only for the pods returned.
 */
export function scoreSignal(w: WorkloadPods, signal: OutlierSignal, all = true): OutlierScore[] {
  const values: number[] = [];
  const pods: string[] = [];
  for (const p of w.pods) {
    const v = p.values[signal];
    if (v !== undefined && Number.isFinite(v)) {
      values.push(v);
      pods.push(p.pod);
    }
  }
  if (values.length < MIN_PODS) {
    return [];
  }
  const { median, mad } = medianAndMad(values)!;
  const spread = Math.max(MAD_TO_SIGMA * mad, RELATIVE_FLOOR * Math.abs(median), ABSOLUTE_FLOOR[signal]);
  const out: OutlierScore[] = [];
  let medianText: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const score = Math.abs(value - median) / spread;
    const outlier = score > TOLERANCE;
    if (!all && !outlier) {
      continue;
    }
    const row: OutlierScore = {
      namespace: w.namespace,
      workload: w.workload,
      pod: pods[i],
      signal,
      value,
      median,
      pods: values.length,
      ratio: median ? value / median : undefined,
      score,
      outlier,
      valueText: formatSignal(signal, value),
      // once per workload and signal
      medianText: (medianText ??= formatSignal(signal, median)),
      reason: '',
    };
    row.reason = outlierReason(row);
    out.push(row);
  }
  return out;
}

/** Scores of every signal of every workload: the outliers only, or every pod (`all`), highest score first. */
export function scoreWorkloads(
  workloads: readonly WorkloadPods[],
  signals: readonly OutlierSignal[],
  all = false
): OutlierScore[] {
  const out: OutlierScore[] = [];
  for (const w of workloads) {
    for (const signal of signals) {
      out.push(...scoreSignal(w, signal, all));
    }
  }
  return out.sort(
    (a, b) =>
      b.score - a.score ||
      compare(a.namespace, b.namespace) ||
      compare(a.workload, b.workload) ||
      compare(a.pod, b.pod) ||
      compare(a.signal, b.signal)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
