/**
 * A strict reader for Prometheus text format 0.0.4, stricter than Prometheus itself where the kubelet
 * is strict too: it throws on anything a real scrape could reject (bad escapes, a second TYPE,
 * TYPE after samples, split families, duplicate series, missing final newline, stray comments).
 * Tests use it to prove kube-sim's bodies are scrapeable.
 */

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  tsMs?: number;
}

export interface ParsedFamily {
  name: string;
  help?: string;
  type?: string;
  samples: ParsedSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const GO_FLOAT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function fail(lineNo: number, msg: string): never {
  throw new Error(`line ${lineNo}: ${msg}`);
}

function parseValue(s: string, lineNo: number): number {
  if (!GO_FLOAT.test(s)) {
    fail(lineNo, `bad value ${JSON.stringify(s)}`);
  }
  return s.endsWith('Inf') ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s);
}

/** Parses `{a="x",b="y"}` starting at s[i] === '{'; returns labels and the index after '}'. */
function parseLabels(s: string, i: number, lineNo: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  i++;
  if (s[i] === '}') {
    return { labels, end: i + 1 };
  }
  for (;;) {
    const eq = s.indexOf('=', i);
    if (eq < 0) {
      fail(lineNo, 'label without "="');
    }
    const name = s.slice(i, eq);
    if (!LABEL_NAME.test(name)) {
      fail(lineNo, `bad label name ${JSON.stringify(name)}`);
    }
    if (name in labels) {
      fail(lineNo, `duplicate label ${name}`);
    }
    if (s[eq + 1] !== '"') {
      fail(lineNo, 'label value not quoted');
    }
    let j = eq + 2;
    let value = '';
    for (;;) {
      const ch = s[j];
      if (ch === undefined) {
        fail(lineNo, 'unterminated label value');
      }
      if (ch === '"') {
        break;
      }
      if (ch === '\\') {
        const next = s[j + 1];
        if (next === '\\' || next === '"') {
          value += next;
        } else if (next === 'n') {
          value += '\n';
        } else {
          fail(lineNo, `invalid escape sequence \\${next ?? ''}`);
        }
        j += 2;
        continue;
      }
      value += ch;
      j++;
    }
    labels[name] = value;
    j++;
    if (s[j] === '}') {
      return { labels, end: j + 1 };
    }
    if (s[j] !== ',') {
      fail(lineNo, `expected "," or "}" after label ${name}`);
    }
    i = j + 1;
  }
}

function parseSample(line: string, lineNo: number): ParsedSample {
  const brace = line.indexOf('{');
  const space = line.indexOf(' ');
  let name: string;
  let labels: Record<string, string> = {};
  let rest: string;
  if (brace >= 0 && (space < 0 || brace < space)) {
    name = line.slice(0, brace);
    const parsed = parseLabels(line, brace, lineNo);
    labels = parsed.labels;
    if (line[parsed.end] !== ' ') {
      fail(lineNo, 'expected a space after labels');
    }
    rest = line.slice(parsed.end + 1);
  } else {
    if (space < 0) {
      fail(lineNo, 'sample without value');
    }
    name = line.slice(0, space);
    rest = line.slice(space + 1);
  }
  if (!METRIC_NAME.test(name)) {
    fail(lineNo, `bad metric name ${JSON.stringify(name)}`);
  }
  const parts = rest.split(' ');
  if (parts.length > 2 || parts.some((p) => p === '')) {
    fail(lineNo, `bad value/timestamp ${JSON.stringify(rest)}`);
  }
  const sample: ParsedSample = { name, labels, value: parseValue(parts[0], lineNo) };
  if (parts.length === 2) {
    if (!/^-?\d+$/.test(parts[1])) {
      fail(lineNo, `bad timestamp ${JSON.stringify(parts[1])}`);
    }
    sample.tsMs = Number(parts[1]);
  }
  return sample;
}

/** Parses and validates a whole exposition; families come back in body order. */
export function parsePromText(text: string): ParsedFamily[] {
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new Error('missing final newline');
  }
  const families: ParsedFamily[] = [];
  const done = new Set<string>();
  const series = new Set<string>();
  let current: ParsedFamily | undefined;
  const open = (name: string, lineNo: number): ParsedFamily => {
    if (current?.name === name) {
      return current;
    }
    if (done.has(name)) {
      fail(lineNo, `family ${name} appears twice`);
    }
    if (current) {
      done.add(current.name);
    }
    current = { name, samples: [] };
    families.push(current);
    return current;
  };
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((line, idx) => {
    const lineNo = idx + 1;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) {
        fail(lineNo, `unexpected comment ${JSON.stringify(line)}`);
      }
      const [, kind, name, arg] = m;
      if (!METRIC_NAME.test(name)) {
        fail(lineNo, `bad metric name ${JSON.stringify(name)}`);
      }
      const f = open(name, lineNo);
      if (kind === 'HELP') {
        if (f.help !== undefined) {
          fail(lineNo, `second HELP for ${name}`);
        }
        if (/\\(?![\\n])/.test(arg)) {
          fail(lineNo, 'invalid escape in HELP');
        }
        f.help = arg.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      } else {
        if (f.type !== undefined) {
          fail(lineNo, `second TYPE for ${name}`);
        }
        if (f.samples.length > 0) {
          fail(lineNo, `TYPE after samples for ${name}`);
        }
        if (!TYPES.has(arg)) {
          fail(lineNo, `unknown type ${arg}`);
        }
        f.type = arg;
      }
      return;
    }
    if (line.trim() === '') {
      fail(lineNo, 'blank line');
    }
    const s = parseSample(line, lineNo);
    const f = open(s.name, lineNo);
    const key = `${s.name}{${Object.keys(s.labels)
      .sort()
      .map((k) => `${k}=${JSON.stringify(s.labels[k])}`)
      .join(',')}}`;
    if (series.has(key)) {
      fail(lineNo, `duplicate series ${key}`);
    }
    series.add(key);
    f.samples.push(s);
  });
  return families;
}

/** Series identity, for comparing two scrapes. */
export function seriesKey(s: ParsedSample): string {
  return `${s.name}${JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
}
