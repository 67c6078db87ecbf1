/**
 * Deterministic container log lines. One container instance writes "entries" on a jittered schedule
 * (entry k lands in [k+0.1, k+0.9) intervals after start), so the entries in any time window are
 * found by arithmetic, without generating earlier ones. An entry is one line, or several for a Java
 * stack trace; an instance that ended writes a final block (panic, fatal error, or a goodbye).
 *
 * Line times carry nanoseconds (ms plus a sub-millisecond part) because the kubelet prints them with
 * nine fractional digits; windows and filters compare whole milliseconds.
 */
import type { LogStyle } from '../cluster/model';
import { fnv1a, mix32, unit } from '../cluster/hash';

export interface LogLine {
  /** whole milliseconds since epoch */
  ms: number;
  /** nanoseconds within that millisecond, 0..999999 */
  ns: number;
  text: string;
}

export type LogEnding = 'crash' | 'oom' | 'completed';

/** One container instance's log stream. */
export interface LogInstance {
  /** seed material: the same key always writes the same lines */
  key: string;
  style: LogStyle;
  containerName: string;
  image: string;
  startMs: number;
  /** the instance's last moment; Infinity while it runs */
  endMs: number;
  /** lines per second the container was configured with */
  rate: number;
  ending?: LogEnding;
}

/** How far apart sub-lines of one entry (stack trace lines) are written. */
const SUB_LINE_NS = 1000;
/** The final block is written this long before the instance ends; regular entries stop earlier. */
const ENDING_OFFSET_MS = 20;
const REGULAR_STOP_MS = 50;

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Entries per second actually written: quiet containers write rarely whatever their rate, others are capped. */
export function effectiveRate(inst: LogInstance): number {
  if (inst.style === 'quiet') {
    return inst.rate > 0 ? Math.min(inst.rate, 1 / 60) : 1 / 300;
  }
  return Math.min(Math.max(0, inst.rate), 200);
}

function seedOf(inst: LogInstance): number {
  return fnv1a(inst.key);
}

/** Offset of entry k from the instance start, in (fractional) milliseconds. */
function entryOffsetMs(inst: LogInstance, seed: number, k: number): number {
  const rate = effectiveRate(inst);
  const u = unit(mix32(seed, k));
  if (rate <= 0) {
    return 50 + 400 * u;
  }
  const interval = 1000 / rate;
  const regular = (k + 0.1 + 0.8 * u) * interval;
  // the startup banner comes right away, whatever the rate
  return k === 0 ? Math.min(regular, 50 + 400 * u) : regular;
}

function timeOf(startMs: number, offsetMs: number): { ms: number; ns: number } {
  const whole = Math.floor(offsetMs);
  return { ms: startMs + whole, ns: Math.min(999_999, Math.floor((offsetMs - whole) * 1e6)) };
}

/** Last moment regular entries may be written. */
function regularEndMs(inst: LogInstance): number {
  return inst.ending ? inst.endMs - REGULAR_STOP_MS : inst.endMs;
}

/** Index of the last entry written at or before atMs, or -1 if none. */
export function lastEntryAtOrBefore(inst: LogInstance, atMs: number): number {
  const seed = seedOf(inst);
  const limit = Math.min(atMs, regularEndMs(inst));
  const start = Math.floor(inst.startMs);
  if (limit < start || start + Math.floor(entryOffsetMs(inst, seed, 0)) > limit) {
    return -1;
  }
  const rate = effectiveRate(inst);
  if (rate <= 0) {
    return 0;
  }
  const interval = 1000 / rate;
  let k = Math.max(0, Math.floor((limit - start) / interval) + 1);
  while (k > 0 && start + Math.floor(entryOffsetMs(inst, seed, k)) > limit) {
    k--;
  }
  return k;
}

/** Index of the first entry written after afterMs (it may not exist yet). */
function firstEntryAfter(inst: LogInstance, seed: number, afterMs: number): number {
  const rate = effectiveRate(inst);
  const start = Math.floor(inst.startMs);
  if (rate <= 0 || afterMs < start) {
    return 0;
  }
  const interval = 1000 / rate;
  let k = Math.max(0, Math.floor((afterMs - start) / interval) - 1);
  while (start + Math.floor(entryOffsetMs(inst, seed, k)) <= afterMs) {
    k++;
  }
  return k;
}

/**
 * The lines written in (fromMs, toMs], oldest first, from entries with index >= minEntry (older
 * entries count as rotated away). The final block of an ended instance is always included when in range.
 */
export function linesInRange(inst: LogInstance, fromMs: number, toMs: number, minEntry = 0): LogLine[] {
  const out: LogLine[] = [];
  if (toMs <= fromMs) {
    return out;
  }
  const seed = seedOf(inst);
  const start = Math.floor(inst.startMs);
  const last = lastEntryAtOrBefore(inst, toMs);
  // one entry earlier too: its stack trace may run past fromMs
  const first = Math.max(minEntry, firstEntryAfter(inst, seed, fromMs) - 1);
  const keep = (l: LogLine) => l.ms > fromMs && l.ms <= toMs;
  for (let k = first; k <= last; k++) {
    const { ms, ns } = timeOf(start, entryOffsetMs(inst, seed, k));
    for (const l of entryLines(inst, seed, k, ms, ns)) {
      if (keep(l)) {
        out.push(l);
      }
    }
  }
  if (inst.ending && Number.isFinite(inst.endMs)) {
    const at = Math.max(start, Math.floor(inst.endMs) - ENDING_OFFSET_MS);
    for (const l of endingLines(inst, seed, at)) {
      if (keep(l)) {
        out.push(l);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// content

/** A tiny stream of floats in [0, 1) for one entry. */
function rng(seed: number, k: number): () => number {
  let i = 0;
  const base = mix32(seed, k ^ 0x5bd1e995);
  return () => unit(mix32(base, ++i));
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

function hex(r: () => number, digits: number): string {
  let s = '';
  while (s.length < digits) {
    s += Math.floor(r() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  }
  return s.slice(0, digits);
}

function pickLevel(r: () => number, style: LogStyle): Level {
  const x = r();
  if (style === 'quiet') {
    return x < 0.8 ? 'info' : x < 0.95 ? 'warn' : 'error';
  }
  return x < 0.12 ? 'debug' : x < 0.78 ? 'info' : x < 0.91 ? 'warn' : 'error';
}

const NAMES = ['orders', 'payments', 'inventory', 'cart', 'users', 'search', 'shipping'];

function message(r: () => number, level: Level): string {
  const id = int(r, 1000, 99999);
  const ms = int(r, 1, 900);
  const n = int(r, 1, 48);
  switch (level) {
    case 'debug':
      return pick(r, [
        `cache hit for key session:${hex(r, 12)}`,
        `acquired lock ${pick(r, NAMES)}-leader (held ${ms}ms)`,
        `request headers: accept=application/json user-agent=kube-probe/1.31`,
        `sql: SELECT id, status FROM ${pick(r, NAMES)} WHERE customer_id = $1 LIMIT 50 [${id}]`,
        `gc pause ${ms}us, heap ${n * 7}MiB`,
      ]);
    case 'info':
      return pick(r, [
        `starting worker ${int(r, 1, 16)}`,
        `GET /api/v1/${pick(r, NAMES)}/${id} 200 ${ms}ms`,
        `POST /api/v1/${pick(r, NAMES)} 201 ${ms}ms`,
        `connected to postgres at db-${int(r, 0, 2)}.internal:5432`,
        `processed batch of ${n * 10} events in ${ms}ms`,
        `cache refreshed: ${n * 113} keys`,
        `health check passed`,
        `reconciled shop/${pick(r, NAMES)}-${int(r, 0, 9)}`,
        `flushed ${n * 25} records to disk`,
        `user ${id} logged in`,
      ]);
    case 'warn':
      return pick(r, [
        `slow request: GET /api/v1/search took ${ms * 9}ms`,
        `retrying call to ${pick(r, NAMES)}-service (attempt ${int(r, 2, 5)}/5)`,
        `connection pool near capacity: ${int(r, 40, 49)}/50 in use`,
        `deprecated config key "timeout" used, use "requestTimeout"`,
        `high memory usage: ${int(r, 80, 95)}% of limit`,
      ]);
    default:
      return pick(r, [
        `failed to reach upstream ${pick(r, NAMES)}:8080: context deadline exceeded`,
        `request failed: POST /api/v1/checkout 500 (${ms}ms)`,
        `could not write to cache: dial tcp 10.96.${int(r, 0, 255)}.${int(r, 1, 254)}:6379: connect: connection refused`,
        `unhandled exception while processing order ${id}`,
      ]);
  }
}

/** A long, realistic payload (a few hundred to a few thousand characters). */
function longPayload(r: () => number): string {
  const items: string[] = [];
  const count = int(r, 6, 40);
  for (let i = 0; i < count; i++) {
    items.push(
      `{"sku":"SKU-${int(r, 10000, 99999)}","qty":${int(r, 1, 9)},"price":${int(r, 100, 99999) / 100},"tags":["${pick(r, NAMES)}","${pick(r, NAMES)}"]}`
    );
  }
  return `{"order":"${hex(r, 16)}","items":[${items.join(',')}]}`;
}

/** 2026-11-23 10:59:50.123 (UTC), as Java and many app loggers print it. */
function appTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Seconds since epoch with microseconds, as zap's "ts" field. */
function epochSeconds(ms: number, ns: number): string {
  const sec = Math.floor(ms / 1000);
  const micros = (ms - sec * 1000) * 1000 + Math.floor(ns / 1000);
  return `${sec}.${String(micros).padStart(6, '0')}`;
}

const ANSI: Record<Level, string> = { debug: '36', info: '32', warn: '33', error: '31' };
const JAVA_LOGGERS = [
  'c.e.shop.OrderController',
  'c.e.shop.PaymentClient',
  'o.s.web.servlet.DispatcherServlet',
  'c.e.shop.InventoryService',
  'c.z.hikari.HikariPool',
];
const JAVA_FRAMES = [
  'com.example.shop.OrderService.process(OrderService.java:142)',
  'com.example.shop.OrderController.checkout(OrderController.java:88)',
  'jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  'java.base/java.lang.reflect.Method.invoke(Method.java:580)',
  'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  'jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)',
  'org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)',
  'org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1744)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
];
const JAVA_EXCEPTIONS = [
  'java.lang.IllegalStateException: order already settled',
  'java.lang.NullPointerException: Cannot invoke "com.example.shop.Cart.getItems()" because "cart" is null',
  'org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection',
  'java.net.SocketTimeoutException: Read timed out',
];

/** Formats one message in the container's style at time (ms, ns). */
function formatLine(inst: LogInstance, r: () => number, level: Level, msg: string, ms: number, ns: number): string {
  const L = level.toUpperCase();
  switch (inst.style) {
    case 'json': {
      const caller = `${pick(r, ['server', 'handler', 'store', 'worker'])}/${pick(r, ['http', 'db', 'queue'])}.go:${int(r, 20, 400)}`;
      return `{"level":"${level}","ts":${epochSeconds(ms, ns)},"caller":"${caller}","msg":${JSON.stringify(msg)},"request_id":"${hex(r, 16)}"}`;
    }
    case 'logfmt':
      return `ts=${new Date(ms).toISOString()} level=${level} caller=${pick(r, ['main', 'api', 'store'])}.go:${int(r, 20, 400)} msg="${msg.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    case 'ansi':
      return `\x1b[90m${appTime(ms).slice(0, 19)}\x1b[0m \x1b[${ANSI[level]}m${L.padEnd(5)}\x1b[0m ${msg}`;
    case 'java':
      return `${appTime(ms)} ${L.padStart(5)} 1 --- [nio-8080-exec-${int(r, 1, 10)}] ${pick(r, JAVA_LOGGERS).padEnd(40)} : ${msg}`;
    default:
      return `${L} ${msg}`;
  }
}

function imageTag(image: string): string {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? image.slice(at + 1) : 'latest';
}

function subLines(ms: number, ns: number, texts: string[]): LogLine[] {
  return texts.map((text, j) => {
    const total = ns + j * SUB_LINE_NS;
    return { ms: ms + Math.floor(total / 1e6), ns: total % 1e6, text };
  });
}

/** The physical lines of entry k. */
function entryLines(inst: LogInstance, seed: number, k: number, ms: number, ns: number): LogLine[] {
  const r = rng(seed, k);
  if (k === 0) {
    const msg =
      inst.style === 'java'
        ? `Starting Application v${imageTag(inst.image)} using Java 21.0.5 with PID 1`
        : `starting ${inst.containerName} version ${imageTag(inst.image)}`;
    return [{ ms, ns, text: formatLine(inst, r, 'info', msg, ms, ns) }];
  }
  const level = pickLevel(r, inst.style);
  let msg = message(r, level);
  // a few lines are long: payload dumps
  if (r() < 0.03) {
    msg += ` payload=${longPayload(r)}`;
  }
  const first = formatLine(inst, r, level, msg, ms, ns);
  if (inst.style !== 'java' || level !== 'error') {
    return [{ ms, ns, text: first }];
  }
  const texts = [first, pick(r, JAVA_EXCEPTIONS)];
  const depth = int(r, 4, JAVA_FRAMES.length);
  for (let i = 0; i < depth; i++) {
    texts.push(`\tat ${JAVA_FRAMES[i]}`);
  }
  if (r() < 0.4) {
    texts.push(
      'Caused by: java.net.ConnectException: Connection refused',
      '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
      `\t... ${int(r, 8, 40)} more`
    );
  }
  return subLines(ms, ns, texts);
}

/** What an instance writes as it ends. */
function endingLines(inst: LogInstance, seed: number, at: number): LogLine[] {
  const r = rng(seed, 0x7fffffff);
  const ns = int(r, 0, 999_999);
  const line = (level: Level, msg: string) => formatLine(inst, r, level, msg, at, ns);
  switch (inst.ending) {
    case 'completed':
      return [{ ms: at, ns, text: line('info', `${inst.containerName} finished successfully, exiting`) }];
    case 'oom':
      // the kernel kills the process: its last words are whatever it was doing
      return [{ ms: at, ns, text: line('warn', `high memory usage: ${int(r, 96, 99)}% of limit`) }];
    default:
      break;
  }
  switch (inst.style) {
    case 'json':
      return [
        {
          ms: at,
          ns,
          text: `{"level":"fatal","ts":${epochSeconds(at, ns)},"caller":"cmd/main.go:57","msg":"server exited","error":"listen tcp :8080: bind: address already in use"}`,
        },
      ];
    case 'logfmt':
      return [
        {
          ms: at,
          ns,
          text: `ts=${new Date(at).toISOString()} level=error caller=main.go:61 msg="fatal error, shutting down" err="open /etc/config/app.yaml: no such file or directory"`,
        },
      ];
    case 'java':
      return subLines(at, ns, [
        `Exception in thread "main" java.lang.IllegalStateException: Failed to load ApplicationContext`,
        '\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)',
        '\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:1363)',
        '\tat com.example.shop.Application.main(Application.java:12)',
        'Caused by: java.net.ConnectException: Connection refused',
        '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
        `\t... ${int(r, 8, 30)} more`,
      ]);
    default: {
      const pc = hex(r, 6);
      return subLines(at, ns, [
        'panic: runtime error: invalid memory address or nil pointer dereference',
        `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x${pc}]`,
        '',
        'goroutine 1 [running]:',
        `main.(*Server).handle(0xc000${hex(r, 6)}, {0x${hex(r, 6)}, 0xc000${hex(r, 6)}})`,
        `\t/src/server.go:${int(r, 40, 300)} +0x${hex(r, 3)}`,
        'main.main()',
        `\t/src/main.go:${int(r, 20, 80)} +0x${hex(r, 3)}`,
      ]);
    }
  }
}

/** RFC3339 with exactly nine fractional digits, as the kubelet prefixes lines when timestamps=true. */
export function rfc3339NanoFixed(ms: number, ns: number): string {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(ns).padStart(6, '0')}Z`;
}
