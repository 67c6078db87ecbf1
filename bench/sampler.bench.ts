/**
 * The sampler's history at scale: 5,000 series holding 240 points each (an hour at 15 s). Appending one
 * poll and building the frames of the last hour, against copying the same number of values out of typed
 * arrays into plain arrays (what any frame builder has to do).
 */
import { SeriesHistory } from '../src/datasource/live/history';
import { SeriesStore } from '../src/datasource/live/seriesStore';
import { timeSeriesFrames } from '../src/datasource/live/timeseriesFrames';
import { Sample } from '../src/datasource/live/types';
import { compare } from './lib';

const SERIES = 5000;
const POINTS = 240;
const INTERVAL_MS = 15_000;
const RETENTION_MS = POINTS * INTERVAL_MS;
/** one series in five is a uint64 byte counter, kept as bigint */
const COUNTER_EVERY = 5;

export async function benchSampler(): Promise<void> {
  const samples: Sample[] = [];
  for (let i = 0; i < SERIES; i++) {
    const counter = i % COUNTER_EVERY === 0;
    samples.push({
      key: `node-${Math.floor(i / 4)}/${i}`,
      labels: { node: `node-${Math.floor(i / 4)}`, series: String(i) },
      metric: counter ? 'rx_bytes' : 'memory',
      value: counter ? BigInt(2) ** BigInt(60) : 1e9,
      counter,
      unit: counter ? 'Bps' : 'bytes',
    });
  }
  const store = new SeriesStore({ capacity: POINTS + 2, maxSeries: 10_000, retentionMs: RETENTION_MS });
  let nowMs = Date.UTC(2025, 0, 1);
  let poll = 0;

  /** one poll's worth of new values: gauges move, counters rise */
  const appendPoll = () => {
    poll++;
    nowMs += INTERVAL_MS;
    for (let i = 0; i < SERIES; i++) {
      const s = samples[i];
      s.value = s.counter ? (s.value as bigint) + BigInt(1_000_000 + i) : 1e9 + ((poll * 7919 + i) % 1000);
    }
    store.ingest(samples, nowMs, nowMs);
    store.expire(nowMs);
  };
  for (let i = 0; i < POINTS + 1; i++) {
    appendPoll();
  }
  const history = (): SeriesHistory => ({
    sourceKey: 'bench',
    series: store.list(),
    polls: poll,
    lastPollMs: nowMs,
    intervalMs: INTERVAL_MS,
    retentionMs: RETENTION_MS,
    notices: [],
    errors: [],
  });
  const lastHour = () => ({ from: nowMs - RETENTION_MS + 1, to: nowMs });
  const held = store.list().reduce((n, s) => n + s.points.size, 0);

  // the baseline copies as many (time, value) pairs out of typed arrays as the frames hold
  const srcTimes = Array.from({ length: SERIES }, () => new Float64Array(POINTS).map((_, i) => i * INTERVAL_MS));
  const srcValues = Array.from({ length: SERIES }, () => new Float64Array(POINTS).map((_, i) => i));
  const copyBaseline = () => {
    const out: Array<[number[], number[]]> = [];
    for (let s = 0; s < SERIES; s++) {
      const t = srcTimes[s];
      const v = srcValues[s];
      const times = new Array<number>(POINTS);
      const values = new Array<number>(POINTS);
      for (let i = 0; i < POINTS; i++) {
        times[i] = t[i];
        values[i] = v[i];
      }
      out.push([times, values]);
    }
    return out;
  };

  compare(
    `sampler history, ${SERIES.toLocaleString('en-US')} series x ${POINTS} points (${held.toLocaleString('en-US')} held)`,
    {
      name: `copy ${(SERIES * POINTS).toLocaleString('en-US')} (time, value) pairs into plain arrays`,
      run: copyBaseline,
    },
    [
      { name: 'append one poll', run: appendPoll },
      {
        name: 'append one poll + frames of the last hour',
        run: () => {
          appendPoll();
          return timeSeriesFrames(history(), lastHour(), 'A');
        },
      },
    ],
    (r) => `${Math.round(SERIES / (r.medianMs / 1000)).toLocaleString('en-US')} series/s`
  );
}
