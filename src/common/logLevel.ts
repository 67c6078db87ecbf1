/**
 * Severity of a log line, guessed from the line itself. Shared by the data source (the `severity` field of logs
 * frames) and the pod-logs panel. Runs once per line on up to millions of lines, so it looks only at the head
 * of a line (JSON excepted: its level key can be anywhere), uses precompiled regexes and never parses JSON.
 */

/** The same words as Grafana's own LogLevel, so the logs UI colours them without a mapping. */
export type LogLevel = 'critical' | 'error' | 'warning' | 'info' | 'debug' | 'trace' | 'unknown';

/** Most severe first. */
export const LOG_LEVELS: readonly LogLevel[] = ['critical', 'error', 'warning', 'info', 'debug', 'trace', 'unknown'];

/** Non-JSON lines state their level near the start; anything further in is message text. */
const HEAD_CHARS = 200;
/** A JSON line's level key may come after other keys; stop looking after this much. */
const JSON_CHARS = 16384;

const WORDS: ReadonlyArray<[LogLevel, string[]]> = [
  ['critical', ['critical', 'crit', 'fatal', 'ftl', 'panic', 'dpanic', 'emerg', 'emergency', 'alert', 'f']],
  ['error', ['error', 'err', 'eror', 'erro', 'severe', 'e']],
  ['warning', ['warning', 'warn', 'wrn', 'w']],
  ['info', ['info', 'inf', 'information', 'informational', 'notice', 'i']],
  ['debug', ['debug', 'dbg', 'debu', 'fine', 'd']],
  ['trace', ['trace', 'trc', 'verbose', 'finer', 'finest', 't']],
];

/** Lower, UPPER and Capitalised spellings, so the usual cases need no toLowerCase allocation. */
const BY_WORD = new Map<string, LogLevel>();
for (const [level, words] of WORDS) {
  for (const w of words) {
    BY_WORD.set(w, level);
    BY_WORD.set(w.toUpperCase(), level);
    BY_WORD.set(w[0].toUpperCase() + w.slice(1), level);
  }
}

/** Bunyan and pino: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal (custom levels fall in between). */
function numericLevel(n: number): LogLevel {
  if (n >= 60) {
    return 'critical';
  }
  if (n >= 50) {
    return 'error';
  }
  if (n >= 40) {
    return 'warning';
  }
  if (n >= 30) {
    return 'info';
  }
  if (n >= 20) {
    return 'debug';
  }
  return n >= 10 ? 'trace' : 'unknown';
}

const NUMBER = /^\d{1,3}$/;

/** A level as written by someone else (a Loki `level` label, ES `log.level`, a JSON value) to a LogLevel. */
export function normalizeLevel(text: string): LogLevel {
  const hit = BY_WORD.get(text);
  if (hit) {
    return hit;
  }
  const t = text.trim();
  if (NUMBER.test(t)) {
    return numericLevel(Number(t));
  }
  return BY_WORD.get(t.toLowerCase()) ?? 'unknown';
}

// A key of the object: after `{` or `,`, so an escaped `\"level\"` inside a string value does not count.
const JSON_LEVEL =
  /[{,]\s*"(?:level|lvl|severity|levelname|log\.level|log_level|loglevel|severity_?text|@l)"\s*:\s*(?:"([^"]{1,24})"|(\d{1,3})\b)/i;
const KLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d/;
const LOGFMT = /(?:^|[\s,;])(?:level|lvl|severity|loglevel|log\.level)=("?)([A-Za-z]{1,16}|\d{1,3})\1(?=$|[\s,;])/i;
/**
 * A level word opening the line: `ERROR ...`, `INFO[0042]`, `[error]`, `<info>`, and with a colon in any case, as
 * CLI tools, apt and Python's basicConfig write it (`Error: ...`, `warning: ...`, `E: ...`, `WARNING:root:...`).
 */
const LEADING = /^(?:\[([A-Za-z]{2,16})\]|<([A-Za-z]{2,16})>|([A-Za-z]{1,16}):|([A-Z]{3,11})(?=$|[\s[\]>)|,;-]))/;
/**
 * A level word standing alone further into the head: UPPERCASE (`2026-01-02 10:00:00,123 ERROR [main]`,
 * `[10:00:00 INF]`), or any case inside brackets (`[error]`, `<info>`). Global, so non-level matches (`[main]`)
 * are stepped over.
 */
const WORD = /(?:^|[\s[<(|:])(?:\[([A-Za-z]{2,16})\]|<([A-Za-z]{2,16})>|([A-Z]{3,11})(?=$|[\s[\]>):|,;-]))/g;
/** CSI escape sequences (SGR colours and the odd cursor move). */
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The common case without a regex: a `"level"` key (zap, logrus, pino, bunyan, slog) found by indexOf, its value
 * read by hand. Undefined when the line has no such key, so the regex for the other spellings runs.
 */
function fromLevelKey(line: string, limit: number): LogLevel | undefined {
  const at = line.indexOf('"level"');
  if (at < 0 || at > limit) {
    return undefined;
  }
  let b = at - 1;
  while (b >= 0 && isSpace(line.charCodeAt(b))) {
    b--;
  }
  const before = line.charCodeAt(b);
  if (before !== 123 && before !== 44) {
    return undefined;
  }
  let i = at + 7;
  while (isSpace(line.charCodeAt(i))) {
    i++;
  }
  if (line.charCodeAt(i) !== 58) {
    return undefined;
  }
  i++;
  while (isSpace(line.charCodeAt(i))) {
    i++;
  }
  const c = line.charCodeAt(i);
  if (c === 34) {
    const close = line.indexOf('"', i + 1);
    return close > i && close - i <= 25 ? normalizeLevel(line.slice(i + 1, close)) : undefined;
  }
  let n = 0;
  let j = i;
  for (let d = c - 48; d >= 0 && d <= 9 && j - i < 3; d = line.charCodeAt(++j) - 48) {
    n = n * 10 + d;
  }
  return j > i ? numericLevel(n) : undefined;
}

function fromJson(line: string): LogLevel {
  const quick = fromLevelKey(line, JSON_CHARS);
  if (quick !== undefined) {
    return quick;
  }
  const m = JSON_LEVEL.exec(line.length > JSON_CHARS ? line.slice(0, JSON_CHARS) : line);
  if (!m) {
    return 'unknown';
  }
  return m[1] !== undefined ? normalizeLevel(m[1]) : numericLevel(Number(m[2]));
}

/** sd-daemon priority prefixes (`<3>`): syslog severities 0..7. */
function fromPriority(code: number): LogLevel {
  const p = code - 48;
  return p <= 2 ? 'critical' : p === 3 ? 'error' : p === 4 ? 'warning' : p <= 6 ? 'info' : 'debug';
}

function fromText(head: string): LogLevel {
  const c0 = head.charCodeAt(0);
  if ((c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70) && KLOG.test(head)) {
    // klog: I(nfo) W(arning) E(rror) F(atal)
    return c0 === 73 ? 'info' : c0 === 87 ? 'warning' : c0 === 69 ? 'error' : 'critical';
  }
  if (c0 === 60 && head.charCodeAt(2) === 62) {
    const d = head.charCodeAt(1);
    if (d >= 48 && d <= 55) {
      return fromPriority(d);
    }
  }
  const lead = LEADING.exec(head);
  if (lead) {
    const level = normalizeLevel(lead[1] ?? lead[2] ?? lead[3] ?? lead[4]);
    if (level !== 'unknown') {
      return level;
    }
  }
  // Most plain lines have no `=` at all; indexOf is far cheaper than a failing unanchored regex.
  const kv = head.indexOf('=') !== -1 ? LOGFMT.exec(head) : null;
  if (kv) {
    const level = normalizeLevel(kv[2]);
    if (level !== 'unknown') {
      return level;
    }
  }
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(head)) !== null) {
    const level = m[3] !== undefined ? (BY_WORD.get(m[3]) ?? 'unknown') : normalizeLevel(m[1] ?? m[2]);
    if (level !== 'unknown') {
      return level;
    }
  }
  return 'unknown';
}

/** The severity of one log line (without the kubelet timestamp prefix); 'unknown' when nothing says. */
export function detectLevel(line: string): LogLevel {
  let start = 0;
  while (start < line.length && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) {
    start++;
  }
  if (line.charCodeAt(start) === 123) {
    return fromJson(line);
  }
  let head = start === 0 && line.length <= HEAD_CHARS ? line : line.slice(start, start + HEAD_CHARS);
  if (head.indexOf('\x1b') !== -1) {
    head = head.replace(ANSI, '');
    if (head.charCodeAt(0) === 123) {
      return fromJson(head);
    }
  }
  return fromText(head);
}
