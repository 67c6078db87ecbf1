import type { DataFrame } from '@grafana/data';

import { logsFrame } from './logLines';

const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'info', 'error', 'info'];
const PATHS = ['/api/cart', '/api/checkout', '/healthz', '/api/items/42', '/login', '/api/search?q=shoes'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

/** The i-th synthetic line: logfmt with a level, a request and a latency, deterministic in i. */
export function benchLine(i: number): string {
  const level = LEVELS[i % LEVELS.length];
  const path = PATHS[(i * 7) % PATHS.length];
  const user = USERS[(i * 3) % USERS.length];
  const status = level === 'error' ? 500 : level === 'warn' ? 429 : 200;
  return `level=${level} msg="${status === 200 ? 'served' : 'failed'} GET ${path}" status=${status} user=${user} latency_ms=${(i * 37) % 900} seq=${i}`;
}

/**
 * Lines [from, from + count) as one logs frame, one millisecond apart, ending about now. Ids carry the start time,
 * as real ids carry a line's time: two renders of the same lines at other times are not one stream growing.
 */
export function benchFrame(from: number, count: number, startMs: number): DataFrame {
  const lines = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { timeMs: startMs + i, body: benchLine(i), id: `bench/${startMs}/${i}` };
  });
  return logsFrame('bench', lines, { namespace: 'bench', pod: 'synthetic-0', container: 'app' });
}

const COLOURS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94];

/** The i-th coloured line: a bold level, a coloured path, 256-colour and RGB latency, as colourful CLIs write. */
export function colouredLine(i: number): string {
  const c = COLOURS[i % COLOURS.length];
  return (
    `\x1b[1;${c}m${LEVELS[i % LEVELS.length].toUpperCase()}\x1b[0m \x1b[${COLOURS[(i + 3) % COLOURS.length]}m` +
    `${PATHS[i % PATHS.length]}\x1b[0m took \x1b[38;5;${(i * 7) % 256}m${(i * 37) % 900}ms\x1b[0m ` +
    `\x1b[48;2;${i % 256};40;40muser=${USERS[i % USERS.length]}\x1b[0m seq=${i}`
  );
}

/** One line of a single SGR sequence with as many parameters as fit in `bytes` (`ESC[1;1;1;…m`), then text. */
export function sgrBombLine(bytes: number): string {
  return `\x1b[${'1;'.repeat(Math.floor(bytes / 2))}1mafter the sequence`;
}

/** Lines of one kind as one logs frame, one millisecond apart, ending about now. */
export function linesFrame(lines: readonly string[], startMs: number): DataFrame {
  return logsFrame(
    'bench',
    lines.map((body, i) => ({ timeMs: startMs + i, body, id: `bench/${startMs}/${i}` })),
    { namespace: 'bench', pod: 'synthetic-0', container: 'app' }
  );
}

const POD_LEVELS = ['critical', 'error', 'warning', 'info', 'debug', 'trace', 'unknown'];

/** `perPod` lines from each of `pods` pods (two containers each), every level among them, as one frame per pod. */
export function podsFrames(pods: number, perPod: number, startMs: number): DataFrame[] {
  // the data source's marker rows (a restart, a pod event) among the newest lines, where a following panel shows them
  const pod0 = { namespace: 'shop', pod: podName(0), container: 'app' };
  const end = startMs + perPod * pods;
  const markers = [
    logsFrame(
      'marker-restart',
      [{ timeMs: end - 3, body: 'app restarted: OOMKilled (exit 137)', id: 'markers/restart' }],
      {
        ...pod0,
        level: 'error',
        marker: 'restart',
      }
    ),
    logsFrame(
      'marker-event',
      [{ timeMs: end - 2, body: 'Pulled: image "shop/checkout:1.4" in 1.2s', id: 'markers/event' }],
      {
        ...pod0,
        level: 'info',
        marker: 'event',
      }
    ),
  ];
  return [...podFrames(pods, perPod, startMs), ...markers];
}

function podName(p: number): string {
  return `checkout-7d9f8b6c5d-${String.fromCharCode(97 + (p % 26))}${p}x9q`;
}

function podFrames(pods: number, perPod: number, startMs: number): DataFrame[] {
  return Array.from({ length: pods }, (_, p) =>
    logsFrame(
      `pod-${p}`,
      Array.from({ length: perPod }, (_, i) => ({
        timeMs: startMs + i * pods + p,
        body: `level=${POD_LEVELS[(i + p) % POD_LEVELS.length]} msg="request ${i}" pod=${p}`,
        id: `pods/${p}/${i}`,
      })),
      {
        namespace: 'shop',
        pod: podName(p),
        container: p % 2 ? 'envoy-proxy' : 'app',
      }
    )
  );
}

/** One line of `n` visible characters with a colour change every 40 of them. */
export function longColouredLine(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i += 40) {
    parts.push(`\x1b[${31 + ((i / 40) % 7)}m${'x'.repeat(Math.min(40, n - i))}`);
  }
  return `${parts.join('')}\x1b[0m`;
}
