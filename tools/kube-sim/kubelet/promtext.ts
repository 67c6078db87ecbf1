/**
 * Prometheus text exposition 0.0.4 as client_golang writes it: families sorted by name, one HELP and
 * one TYPE each, labels sorted by name, samples sorted by label values, values printed like Go's
 * strconv.FormatFloat(v, 'g', -1, 64), int64 millisecond timestamps, and a final newline.
 */

export type PromType = 'counter' | 'gauge';

export interface PromSample {
  labels: Record<string, string>;
  value: number;
  /** ms since epoch; absent for samples the exporter writes without a timestamp */
  tsMs?: number;
}

export interface PromFamily {
  name: string;
  help: string;
  type: PromType;
  samples: PromSample[];
}

/** Go's strconv 'g' with shortest precision, plus the exposition's spellings for specials. */
export function formatPromValue(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (v === Infinity) {
    return '+Inf';
  }
  if (v === -Infinity) {
    return '-Inf';
  }
  if (v === 0) {
    return '0';
  }
  // toExponential() without an argument gives the shortest digits that round-trip, like Go's -1 precision
  const [mantissa, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  // for shortest output Go switches to %e when exp < -4 || exp >= 6 (eprec = 6)
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // here 1e-4 <= |v| < 1e6, where JavaScript's own shortest form is plain decimal too
  return String(v);
}

/** Label values escape backslash, double quote and newline only. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and newline only. */
export function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Byte-wise string order, as Go compares label values. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSamples(a: PromSample, b: PromSample, names: string[]): number {
  for (const n of names) {
    const c = cmp(a.labels[n] ?? '', b.labels[n] ?? '');
    if (c !== 0) {
      return c;
    }
  }
  return (a.tsMs ?? 0) - (b.tsMs ?? 0);
}

function sampleLine(name: string, s: PromSample): string {
  const names = Object.keys(s.labels).sort(cmp);
  const labels = names.length > 0 ? `{${names.map((n) => `${n}="${escapeLabelValue(s.labels[n])}"`).join(',')}}` : '';
  const ts = s.tsMs === undefined ? '' : ` ${Math.trunc(s.tsMs)}`;
  return `${name}${labels} ${formatPromValue(s.value)}${ts}\n`;
}

/** Renders families the way the Prometheus registry gathers them; empty families are left out. */
export function renderFamilies(families: PromFamily[]): string {
  const byName = new Map<string, PromFamily>();
  for (const f of families) {
    const seen = byName.get(f.name);
    // one family per name: merge samples if a caller built it in pieces
    byName.set(f.name, seen ? { ...seen, samples: [...seen.samples, ...f.samples] } : f);
  }
  let out = '';
  for (const name of [...byName.keys()].sort(cmp)) {
    const f = byName.get(name)!;
    if (f.samples.length === 0) {
      continue;
    }
    const labelNames = [...new Set(f.samples.flatMap((s) => Object.keys(s.labels)))].sort(cmp);
    const samples = [...f.samples].sort((a, b) => compareSamples(a, b, labelNames));
    out += `# HELP ${name} ${escapeHelp(f.help)}\n# TYPE ${name} ${f.type}\n`;
    for (const s of samples) {
      out += sampleLine(name, s);
    }
  }
  return out;
}
