/**
 * The pod-logs panel's search engine: RE2JS (linear time, in the panel's worker) against V8's backtracking
 * RegExp on 1,000,000 log lines, the hostile `(a+)+$` that RegExp cannot finish, what posting rows to the worker
 * costs the main thread (structured clone of a delta, as engineClient.ts sends them), and a whole round trip
 * through a worker thread (rows posted, filtered, the answer back) against the same work in-process.
 */
import { resolve } from 'path';
import { Worker } from 'worker_threads';
import { RE2JS } from 're2js';

import { EngineLoop } from '../src/panel/engine/engineLoop';
import type { EngineReply, EngineRequest } from '../src/panel/engine/protocol';
import { NO_FILTER, type RowsDelta } from '../src/panel/model/filterEngine';
import { compileRegex } from '../src/panel/model/regex';
import { compilers } from '../src/panel/model/search';
import { consumed, measure } from './lib';

/** Rows per round trip: what engineClient.ts posts in one message. */
const TRIP_ROWS = 1_000;
const TRIPS = 40;

/**
 * Median ms from posting `TRIP_ROWS` new rows to the engine's final answer for them, over TRIPS trips that grow
 * the buffer as following does; `send` posts a request, `replies` registers the answer handler.
 */
async function tripMs(
  lines: string[],
  send: (request: EngineRequest) => void,
  replies: (on: (reply: EngineReply) => void) => void
): Promise<number> {
  let waiting: ((reply: EngineReply) => void) | undefined;
  replies((reply) => waiting?.(reply));
  send({ type: 'filter', id: 1, spec: { ...NO_FILTER, search: 'status=5', onlyMatching: true } });
  const times: number[] = [];
  for (let trip = 0; trip < TRIPS; trip++) {
    const from = trip * TRIP_ROWS;
    const texts = lines.slice(from, from + TRIP_ROWS);
    const seq = trip + 1;
    const t0 = performance.now();
    const answered = new Promise<void>((done) => {
      waiting = (reply) => {
        if (reply.type === 'result' && reply.done && reply.result.deltaSeq === seq) {
          done();
        }
      };
    });
    send({
      type: 'rows',
      seq,
      delta: { generation: 1, from, dropped: 0, texts, levels: texts.map(() => 3), sources: texts.map(() => 0) },
    });
    await answered;
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const LINES = 1_000_000;
const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'info', 'error', 'info'];

function line(i: number): string {
  const level = LEVELS[i % LEVELS.length];
  const status = level === 'error' ? 500 : level === 'warn' ? 429 : 200;
  return `level=${level} msg="served GET /api/items/${i % 977}" status=${status} user=u${(i * 7) % 131} latency_ms=${(i * 37) % 900} seq=${i}`;
}

function time(run: () => unknown): number {
  // few rounds: a million lines through RE2JS take seconds; the median of 3 is steady enough for a ratio
  return measure({ name: '', run }, 0, 3).medianMs;
}

function count(test: (s: string) => boolean, lines: string[]): number {
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (test(lines[i])) {
      n++;
    }
  }
  return n;
}

export async function benchPanelSearch(): Promise<void> {
  const lines = Array.from({ length: LINES }, (_, i) => line(i));
  console.log(`\npod-logs search: RE2JS (the panel's worker) vs RegExp on ${LINES.toLocaleString('en-US')} lines`);
  for (const [pattern, caseSensitive] of [
    ['status=5\\d\\d', true],
    ['error|warn', false],
    ['user=u(1[0-9]|2[0-9]) ', true],
    ['(a+)+$', true],
  ] as Array<[string, boolean]>) {
    const native = new RegExp(pattern, caseSensitive ? '' : 'i');
    const c = compileRegex(pattern, caseSensitive);
    if (!c.ok || !c.matcher) {
      throw new Error(`${pattern}: ${c.ok ? 'empty' : c.error}`);
    }
    const re2 = c.matcher;
    const base = time(() => count((s) => native.test(s), lines));
    const linear = time(() => count((s) => re2.test(s), lines));
    const hits = count((s) => re2.test(s), lines);
    console.log(
      `  /${pattern}/${caseSensitive ? '' : 'i'}: RegExp ${base.toFixed(0)} ms, RE2JS ${linear.toFixed(0)} ms: ` +
        `${(linear / base).toFixed(1)}x RegExp (${hits.toLocaleString('en-US')} lines match)`
    );
  }

  console.log('\n  (a+)+$ on one line of n "a" and a "b": RegExp backtracks exponentially, RE2JS stays linear');
  const hostile = RE2JS.compile('(a+)+$');
  for (const n of [18, 20, 22, 24]) {
    const text = `${'a'.repeat(n)}b`;
    const native = /(a+)+$/;
    const base = time(() => native.test(text));
    const linear = time(() => hostile.test(text));
    console.log(
      `    n=${n}: RegExp ${base.toFixed(1)} ms, RE2JS ${linear.toFixed(3)} ms (${(base / linear).toFixed(0)}x faster)`
    );
  }
  const long = `${'a'.repeat(1_000_000)}b`;
  console.log(
    `    n=1,000,000: RE2JS ${time(() => hostile.test(long)).toFixed(1)} ms (RegExp would not finish in a lifetime)`
  );

  // posting a delta copies every string on the main thread (engineClient sends at most 1,000 rows a message, one
  // message per task); measured on 10,000 rows so the time is well above the timer's resolution
  const delta: RowsDelta = {
    generation: 1,
    from: 0,
    texts: lines.slice(0, 10_000),
    levels: new Array(10_000).fill(3),
    sources: new Array(10_000).fill(0),
    // each row's stack-trace head (its own index for a line of its own)
    heads: Array.from({ length: 10_000 }, (_, i) => i),
    dropped: 0,
  };
  const clone = time(() => structuredClone(delta));
  const baseline = time(() => delta.texts.map((t) => t.length));
  console.log(
    `\n  posting 10,000 rows to the worker (structured clone on the main thread): ${clone.toFixed(2)} ms, ` +
      `${(clone / baseline).toFixed(1)}x a pass reading each line's length (${baseline.toFixed(2)} ms)`
  );

  // a round trip through a worker thread (the panel's loop, bench/engineWorker.ts) against the same loop in-process
  const worker = new Worker(resolve(__dirname, 'engineWorker.ts'), { execArgv: ['--require', 'tsx/cjs'] });
  const viaWorker = await tripMs(
    lines,
    (request) => worker.postMessage(request),
    (on) => worker.on('message', on)
  );
  await worker.terminate();
  let onLocal: (reply: EngineReply) => void = () => undefined;
  const local = new EngineLoop(
    (reply) => onLocal(reply),
    50,
    (run) => setTimeout(run, 0),
    compilers(compileRegex)
  );
  const inProcess = await tripMs(
    lines,
    (request) => local.handle(structuredClone(request)),
    (on) => (onLocal = on)
  );
  local.dispose();
  console.log(
    `  worker round trip for ${TRIP_ROWS.toLocaleString('en-US')} new rows (post, search "status=5" with only ` +
      `matching, answer back), median of ${TRIPS}: ${viaWorker.toFixed(2)} ms, ` +
      `${(viaWorker / inProcess).toFixed(2)}x the same loop in-process with the same copy (${inProcess.toFixed(2)} ms)`
  );
  consumed();
}
