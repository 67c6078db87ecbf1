/** Time formats of the Kubernetes API: metav1.Time (RFC3339) and Go's time.Duration.String(). */

/** metav1.Time to epoch ms; null, empty or unparseable gives undefined (a zero time is serialised as null). */
export function parseKubeTime(text: string | null | undefined): number | undefined {
  if (!text) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Go duration text ("30s", "1m0s", "15.021s", "1h2m3.5s") to seconds; undefined when it is not one. */
export function parseGoDuration(text: string | undefined): number | undefined {
  if (!text) {
    return undefined;
  }
  if (text === '0') {
    return 0;
  }
  let i = 0;
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    sign = text[0] === '-' ? -1 : 1;
    i = 1;
  }
  let total = 0;
  let parts = 0;
  while (i < text.length) {
    DURATION_PART.lastIndex = i;
    const m = DURATION_PART.exec(text);
    if (!m) {
      return undefined;
    }
    total += parseFloat(m[1]) * DURATION_UNITS[m[2]];
    i = DURATION_PART.lastIndex;
    parts++;
  }
  return parts ? sign * total : undefined;
}
