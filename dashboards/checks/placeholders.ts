/**
 * Grafana variables replaced by values a query parser (or a real Prometheus) accepts: `$__rate_interval`
 * and the other interval macros become a duration, `$var`, `${var}` and `${var:fmt}` become the given value.
 */
export interface Placeholders {
  /** for $__rate_interval, $__interval, $__auto, $__range */
  interval: string;
  /** per variable name; variables not listed become `fallback` */
  values?: Record<string, string>;
  fallback: string;
}

const MACRO = /\$__(rate_interval|interval_ms|interval|auto|range_s|range_ms|range)\b/g;
const BRACED = /\$\{(\w+)(?::[^}]*)?\}/g;
const BARE = /\$(\w+)/g;

export function withPlaceholders(text: string, p: Placeholders): string {
  const value = (name: string) => p.values?.[name] ?? p.fallback;
  return text
    .replace(MACRO, p.interval)
    .replace(BRACED, (_m, name: string) => value(name))
    .replace(BARE, (_m, name: string) => value(name));
}
