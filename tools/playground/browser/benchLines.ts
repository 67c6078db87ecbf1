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

/** Lines [from, from + count) as one logs frame, one millisecond apart, ending about now. */
export function benchFrame(from: number, count: number, startMs: number): DataFrame {
  const lines = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { timeMs: startMs + i, body: benchLine(i), id: `bench/${i}` };
  });
  return logsFrame('bench', lines, { namespace: 'bench', pod: 'synthetic-0', container: 'app' });
}
