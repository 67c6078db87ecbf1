import { type DataFrame, FieldType } from '@grafana/data';

export interface LineSeries {
  name: string;
  times: number[];
  values: number[];
}

/** CPU usage, not the allocatable, requests or limits beside it. */
export const isCpuUsage = (metric: string) => /cpu/i.test(metric) && !/alloc|request|limit|%/i.test(metric);

/** Time series frames (Time + one number field) as lines, keeping those whose metric passes `keep`. */
export function framesToSeries(frames: DataFrame[], keep: (metric: string) => boolean): LineSeries[] {
  const out: LineSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number || !time || !keep(field.name)) {
        continue;
      }
      const times: number[] = [];
      const values: number[] = [];
      for (let i = 0; i < frame.length; i++) {
        const v = field.values[i];
        if (typeof v === 'number' && Number.isFinite(v)) {
          times.push(Number(time.values[i]));
          values.push(v);
        }
      }
      out.push({ name: field.config.displayNameFromDS ?? frame.name ?? field.name, times, values });
    }
  }
  return out;
}

/** Appends one reading per row of a nodes table (name column + a CPU column) to the series by node. */
export function appendTableReading(series: LineSeries[], frame: DataFrame, at: number, keep: number): LineSeries[] {
  const name = frame.fields.find((f) => f.type === FieldType.string);
  const cpu = frame.fields.find((f) => f.type === FieldType.number && isCpuUsage(f.name));
  if (!name || !cpu) {
    return series;
  }
  const byName = new Map(series.map((s) => [s.name, s]));
  for (let i = 0; i < frame.length; i++) {
    const key = `${String(name.values[i])} ${cpu.name}`;
    const prev = byName.get(key) ?? { name: key, times: [], values: [] };
    const v = Number(cpu.values[i]);
    if (Number.isFinite(v)) {
      byName.set(key, { name: key, times: [...prev.times, at].slice(-keep), values: [...prev.values, v].slice(-keep) });
    }
  }
  return [...byName.values()];
}

/** SVG polyline points for each series, in a width × height box (time across, 0..max up). */
export function linePoints(series: LineSeries[], width: number, height: number): string[] {
  const times = series.flatMap((s) => s.times);
  const values = series.flatMap((s) => s.values);
  if (!times.length) {
    return series.map(() => '');
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = Math.max(...values, 1e-9);
  const x = (t: number) => (t1 === t0 ? width : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => height - (v / top) * height;
  return series.map((s) => s.times.map((t, i) => `${x(t).toFixed(1)},${y(s.values[i]).toFixed(1)}`).join(' '));
}
