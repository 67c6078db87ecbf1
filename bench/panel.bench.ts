/**
 * The pod-logs panel's hot paths on a million lines: filtering by a regular expression with severity counts in
 * the same pass (against a bare RegExp.test loop over the same lines), and ten minutes of streaming at 2,000
 * lines/s into a store capped at the panel's default line limit (retained, dropped, heap before/after), and the
 * same work over lines where every 20th error carries a Java stack trace (grouped as rows are read; filters keep
 * a trace whole, so a search hit in a frame shows its group's earlier rows).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DataFrame } from '@grafana/data';

import { FieldKind, LOG_LINES_FRAME } from '../src/panel/model/fieldTypes';
import { FilterEngine, NO_FILTER, type FilterSpec } from '../src/panel/model/filterEngine';
import { FrameSync } from '../src/panel/model/frameSync';
import { LEVEL_COUNT } from '../src/panel/model/levels';
import { compileRegex } from '../src/panel/model/regex';
import { compilers } from '../src/panel/model/search';
import { LogStore } from '../src/panel/model/logStore';
import { DEFAULT_POD_LOGS_OPTIONS } from '../src/panel/options';
import { compare, measure } from './lib';

export const LINE_COUNT = 1_000_000;
const STREAM_RATE = 2_000;
const STREAM_SECONDS = 600;

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const PATHS = ['/cart', '/checkout', '/healthz', '/api/v1/items', '/login'];
const STATUS = [200, 200, 200, 201, 404, 500, 503];

/** Deterministic, realistic-looking lines: klog-ish and logfmt-ish, some with ANSI colour. */
function line(i: number): string {
  const level = LEVELS[i % LEVELS.length];
  const path = PATHS[(i * 7) % PATHS.length];
  const status = STATUS[(i * 13) % STATUS.length];
  if (i % 3 === 0) {
    return `level=${level.toLowerCase()} msg="request done" path=${path} status=${status} took=${i % 997}ms req=${i}`;
  }
  if (i % 11 === 0) {
    return `\x1b[32m${level}\x1b[0m ${path} -> ${status} in ${i % 997}ms (request ${i})`;
  }
  return `2026-01-02T10:00:00.${String(i % 1000).padStart(3, '0')}Z ${level} [worker-${i % 16}] ${path} ${status} ${i % 997}ms id=${i}`;
}

const labelSets = Array.from({ length: 24 }, (_, p) => ({
  namespace: p % 2 ? 'shop' : 'payments',
  pod: `api-${p}`,
  container: p % 3 ? 'app' : 'envoy',
  node: `node-${p % 5}`,
}));

/** A delta frame as our data source streams it: log-lines with labels per stream. */
function logsFrame(from: number, count: number, t0: number): DataFrame {
  const times = new Array<number>(count);
  const bodies = new Array<string>(count);
  const labels = new Array<(typeof labelSets)[number]>(count);
  for (let k = 0; k < count; k++) {
    const i = from + k;
    times[k] = t0 + i;
    bodies[k] = line(i);
    labels[k] = labelSets[i % labelSets.length];
  }
  return {
    refId: 'A',
    length: count,
    meta: { type: LOG_LINES_FRAME },
    fields: [
      { name: 'timestamp', type: FieldKind.time, config: {}, values: times },
      { name: 'body', type: FieldKind.string, config: {}, values: bodies },
      { name: 'labels', type: FieldKind.other, config: {}, values: labels },
    ],
  };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A full collection before reading the heap, so the numbers are what is really retained. */
const collect: (() => void) | undefined = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();

function heapUsed(): number {
  collect?.();
  return process.memoryUsage().heapUsed;
}

function benchFilter(): void {
  const t0 = Date.now();
  const store = new LogStore(LINE_COUNT);
  const series = [logsFrame(0, LINE_COUNT, t0)];
  const started = performance.now();
  new FrameSync().sync({ series, streaming: false }, store);
  const ingestMs = performance.now() - started;
  console.log(
    `\npod-logs panel: ${LINE_COUNT.toLocaleString('en-US')} lines read from a log-lines frame in ${ingestMs.toFixed(0)} ms ` +
      '(level detection, ANSI stripping, source interning, time order)'
  );

  const re = /status=5\d\d|-> 5\d\d/;
  const texts = store.texts;
  const hiddenLevels = new Array<boolean>(LEVEL_COUNT).fill(false);
  const hiddenSources = new Array<boolean>(store.sourceTable.size).fill(false);
  const delta = store.takeDelta()!;
  /** What the worker does for a new filter: every row examined, levels counted, the rows shown listed. */
  const scan = (spec: Partial<FilterSpec>) => {
    const engine = new FilterEngine(compilers(compileRegex));
    engine.setFilter({ ...NO_FILTER, hiddenLevels, hiddenSources, ...spec }, 1);
    engine.apply(delta, 1);
    engine.step(Infinity);
    return engine.snapshot();
  };
  let matched = 0;
  compare(
    `filter ${LINE_COUNT.toLocaleString('en-US')} lines by ${re} with severity counts (the worker's work)`,
    {
      name: 'RegExp.test over every line',
      run: () => {
        let n = 0;
        for (let i = 0; i < texts.length; i++) {
          if (re.test(texts[i])) {
            n++;
          }
        }
        return n;
      },
    },
    [
      {
        name: 'FilterEngine, RE2JS, only matching lines, levels counted',
        run: () => {
          const r = scan({ search: re.source, regex: true, onlyMatching: true });
          matched = r.rows.length;
          return r;
        },
      },
      {
        name: 'FilterEngine, text search "status=503" (a literal: no regex engine), one pod hidden',
        run: () => scan({ search: 'status=503', hiddenSources: hiddenSources.map((_, i) => i === 0) }),
      },
    ],
    () => `${matched.toLocaleString('en-US')} lines matched`
  );

  // dedup is a last pass over the rows that pass: one key per line (a scan of its text) and a string compare
  let listed = 0;
  const dedupCase = (dedup: FilterSpec['dedup']) => ({
    name: `FilterEngine, no filter, dedup ${dedup}`,
    run: () => {
      const r = scan({ dedup });
      listed = r.rows.length;
      return r;
    },
  });
  compare(
    `dedup over ${LINE_COUNT.toLocaleString('en-US')} lines (the worker's work for a new dedup mode with no filter)`,
    { name: 'FilterEngine, no filter, no dedup', run: () => scan({}) },
    [dedupCase('exact'), dedupCase('numbers'), dedupCase('signature')],
    () => `${listed.toLocaleString('en-US')} rows listed`
  );
}

const TRACE_LINES = 200_000;

/** Lines of 24 pods where some errors are followed by a 12-line Java stack trace from the same pod. */
function tracedFrame(count: number, t0: number): DataFrame {
  const times: number[] = [];
  const bodies: string[] = [];
  const labels: Array<(typeof labelSets)[number]> = [];
  for (let i = 0; times.length < count; i++) {
    const pod = labelSets[i % labelSets.length];
    const push = (body: string) => {
      times.push(t0 + times.length);
      bodies.push(body);
      labels.push(pod);
    };
    push(line(i));
    if (i % 120 === 5) {
      push('java.lang.IllegalStateException: cart is empty');
      for (let f = 0; f < 10; f++) {
        push(`\tat com.example.shop.Step${f}.run(Step${f}.java:${10 + ((i + f) % 90)})`);
      }
      push('\t... 42 more');
    }
  }
  return {
    refId: 'A',
    length: count,
    meta: { type: LOG_LINES_FRAME },
    fields: [
      { name: 'timestamp', type: FieldKind.time, config: {}, values: times.slice(0, count) },
      { name: 'body', type: FieldKind.string, config: {}, values: bodies.slice(0, count) },
      { name: 'labels', type: FieldKind.other, config: {}, values: labels.slice(0, count) },
    ],
  };
}

function benchTraces(): void {
  const store = new LogStore(TRACE_LINES);
  const started = performance.now();
  new FrameSync().sync({ series: [tracedFrame(TRACE_LINES, Date.now())], streaming: false }, store);
  const ingestMs = performance.now() - started;
  let continuation = 0;
  for (let i = 0; i < store.length; i++) {
    if (store.heads[i] !== store.dropped + i) {
      continuation++;
    }
  }
  const delta = store.takeDelta()!;
  const scan = (spec: Partial<FilterSpec>) => {
    const engine = new FilterEngine(compilers(compileRegex));
    engine.setFilter({ ...NO_FILTER, ...spec }, 1);
    engine.apply(delta, 1);
    engine.step(Infinity);
    return engine.snapshot();
  };
  const bySearch = measure({ name: '', run: () => scan({ search: 'Step7.java', onlyMatching: true }) }, 1, 5);
  const shown = scan({ search: 'Step7.java', onlyMatching: true }).rows.length;
  console.log(
    `\nstack traces: ${TRACE_LINES.toLocaleString('en-US')} lines (${continuation.toLocaleString('en-US')} of them ` +
      `trace continuation lines) read and grouped in ${ingestMs.toFixed(0)} ms; "only matching" search for a frame ` +
      `("Step7.java"): ${bySearch.medianMs.toFixed(1)} ms (median of 5), ${shown.toLocaleString('en-US')} lines shown ` +
      '(whole traces)'
  );
}

function benchStreaming(): void {
  const cap = DEFAULT_POD_LOGS_OPTIONS.maxLines;
  const store = new LogStore(cap);
  const sync = new FrameSync();
  const t0 = Date.now();
  const before = heapUsed();
  const batchTimes: number[] = [];
  let peak = before;
  for (let s = 0; s < STREAM_SECONDS; s++) {
    const frame = logsFrame(s * STREAM_RATE, STREAM_RATE, t0);
    const started = performance.now();
    sync.sync({ series: [frame], streaming: true, requestId: 'tail' }, store);
    batchTimes.push(performance.now() - started);
    if (s % 60 === 59) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  const after = heapUsed();
  batchTimes.sort((a, b) => a - b);
  const median = batchTimes[Math.floor(batchTimes.length / 2)];
  const p99 = batchTimes[Math.floor(batchTimes.length * 0.99)];
  console.log(
    `\nstreaming ${STREAM_RATE.toLocaleString('en-US')} lines/s for ${STREAM_SECONDS / 60} minutes ` +
      `(${(STREAM_RATE * STREAM_SECONDS).toLocaleString('en-US')} lines in batches of ${STREAM_RATE.toLocaleString('en-US')}), ` +
      `cap ${cap.toLocaleString('en-US')} lines`
  );
  console.log(
    `  retained ${store.length.toLocaleString('en-US')}, dropped ${store.dropped.toLocaleString('en-US')}; ` +
      `append per batch: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`
  );
  console.log(
    `  heap used: before ${mb(before)}, after ${mb(after)}, peak sampled ${mb(peak)}` +
      `${collect ? ' (after a full GC)' : ' (no GC available: numbers include garbage)'}`
  );
}

export async function benchPanel(): Promise<void> {
  benchFilter();
  benchTraces();
  benchStreaming();
}
