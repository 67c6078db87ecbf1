/**
 * Pod logs: parsing one kubelet response of a million timestamped lines into a logs frame, against splitting the
 * same text on newlines; severity detection alone, against a single case-insensitive regex per line; and merging
 * the streams of ten pods, against concatenating them and sorting by time.
 */
import { detectLevel } from '../src/common/logLevel';
import { LogRows, mergeByTime, parseKubeletLog } from '../src/datasource/queries/logs/logLines';
import { logsFrame } from '../src/datasource/queries/logs/logsFrame';
import { compare } from './lib';
import { mulberry32 } from '../tools/kube-sim/cluster/clusterRandom';

export const LOG_LINES = 1_000_000;

const PATHS = ['/api/v1/orders', '/api/v1/users/42', '/healthz', '/metrics', '/api/v2/search?q=shoes&page=3'];
const LEVELS = ['debug', 'info', 'info', 'info', 'info', 'warn', 'error'];
const UPPER: Record<string, string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };
const MESSAGES = [
  'request completed',
  'cache miss for key user:1234:profile',
  'retrying connection to postgres://orders-db:5432 after timeout',
  'reconciled object',
  'slow query detected on table order_items, consider adding an index',
  'listening on :8080',
];

/** One application line, in the formats real pods mix: JSON (zap, pino), logfmt, log4j, klog, ANSI console, access log. */
function appLine(r: () => number, sec: number): string {
  const level = LEVELS[Math.floor(r() * LEVELS.length)];
  const msg = MESSAGES[Math.floor(r() * MESSAGES.length)];
  const path = PATHS[Math.floor(r() * PATHS.length)];
  const ms = Math.floor(r() * 900) + 1;
  switch (Math.floor(r() * 7)) {
    case 0:
      return `{"level":"${level}","ts":${sec}.${ms},"caller":"server/handler.go:${ms}","msg":"${msg}","method":"GET","path":"${path}","status":200,"duration_ms":${ms}}`;
    case 1:
      return `{"time":${sec}${ms},"pid":1,"hostname":"web-7d4b9c-x2x9z","level":${(LEVELS.indexOf(level) + 2) * 10},"msg":"${msg}","reqId":"req-${ms}"}`;
    case 2:
      return `time="${sec}" level=${level} msg="${msg}" component=worker duration=${ms}ms path=${path}`;
    case 3:
      return `2026-01-02 10:00:00,${ms} ${UPPER[level]} [http-nio-8080-exec-${ms % 10}] com.example.orders.OrderService - ${msg}`;
    case 4:
      return `${UPPER[level][0]}0102 10:00:00.${String(ms).padStart(6, '0')}       1 controller.go:${ms}] ${msg}`;
    case 5:
      return `\x1b[32m${UPPER[level]}\x1b[0m[0042] ${msg} \x1b[36mpath\x1b[0m=${path}`;
    default:
      return `10.0.${ms % 255}.7 - - [02/Jan/2026:10:00:00 +0000] "GET ${path} HTTP/1.1" 200 ${ms * 13} "-" "kube-probe/1.29"`;
  }
}

/** A kubelet response: each line prefixed with RFC3339 at nine fractional digits, a few lines sharing an instant. */
export function kubeletLogText(lines: number, seed = 11): string {
  const r = mulberry32(seed);
  let ns = Date.UTC(2026, 0, 2, 10, 0, 0) * 1e6;
  let lastSec = -1;
  let secPrefix = '';
  // One extra empty entry makes join end the text with a newline and keeps it one flat string.
  const out: string[] = new Array(lines + 1).fill('');
  for (let i = 0; i < lines; i++) {
    if (r() > 0.02) {
      ns += Math.floor(r() * 2e6);
    }
    const sec = Math.floor(ns / 1e9);
    if (sec !== lastSec) {
      lastSec = sec;
      secPrefix = new Date(sec * 1000).toISOString().slice(0, 19);
    }
    const frac = String(ns - sec * 1e9).padStart(9, '0');
    out[i] = `${secPrefix}.${frac}Z ${appLine(r, sec)}`;
  }
  return out.join('\n');
}

/** What a merge without the k-way structure would do: concatenate every row and sort them all by time. */
function concatAndSort(parts: LogRows[]): string[] {
  const order: Array<[number, number]> = [];
  parts.forEach((p, k) => {
    for (let i = 0; i < p.count; i++) {
      order.push([k, i]);
    }
  });
  order.sort(([ka, ia], [kb, ib]) => {
    const a = parts[ka];
    const b = parts[kb];
    return a.timeMs[ia] - b.timeMs[ib] || a.nanos[ia] - b.nanos[ib];
  });
  return order.map(([k, i]) => parts[k].body[i]);
}

export async function benchLogs(): Promise<void> {
  const text = kubeletLogText(LOG_LINES);
  const meta = { namespace: 'shop', pod: 'web-7d4b9c-x2x9z', container: 'app', node: 'node-1' };
  const perSecond = (ms: number) => `${Math.round(LOG_LINES / (ms / 1000)).toLocaleString('en-US')} lines/s`;

  compare(
    `pod logs, ${LOG_LINES.toLocaleString('en-US')} lines (${(text.length / 1e6).toFixed(1)} MB of kubelet text)`,
    { name: "text.split('\\n')", run: () => text.split('\n') },
    [
      { name: 'parseKubeletLog (no levels)', run: () => parseKubeletLog(text, meta, { skipLevels: true }) },
      { name: 'parseKubeletLog + logsFrame', run: () => logsFrame(parseKubeletLog(text, meta), 'A') },
    ],
    (r) => perSecond(r.medianMs)
  );

  const bodies = parseKubeletLog(text, meta, { skipLevels: true }).body;
  const naive = /\b(?:error|warn|info|debug)\b/i;
  compare(
    `severity of ${LOG_LINES.toLocaleString('en-US')} lines`,
    {
      name: 'one case-insensitive regex per line',
      run: () => {
        let hits = 0;
        for (const line of bodies) {
          hits += naive.test(line) ? 1 : 0;
        }
        return hits;
      },
    },
    [
      {
        name: 'detectLevel',
        run: () => {
          let errors = 0;
          for (const line of bodies) {
            errors += detectLevel(line) === 'error' ? 1 : 0;
          }
          return errors;
        },
      },
    ],
    (r) => perSecond(r.medianMs)
  );

  const PODS = 10;
  const perPod = LOG_LINES / PODS;
  const parts = Array.from({ length: PODS }, (_, k) =>
    parseKubeletLog(kubeletLogText(perPod, 100 + k), { ...meta, pod: `web-${k}` }, { skipLevels: true })
  );
  compare(
    `merging ${PODS} pods of ${perPod.toLocaleString('en-US')} lines each`,
    { name: 'concatenate and sort by time', run: () => concatAndSort(parts) },
    [{ name: 'mergeByTime', run: () => mergeByTime(parts) }],
    (r) => perSecond(r.medianMs)
  );
}
