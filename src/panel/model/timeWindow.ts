/**
 * The view's time range: which lines the list shows by their time. The reader picks one on the volume histogram
 * (an absolute range) or with a preset (the last N minutes, relative to the newest line, or to now while
 * following). The engine gets it resolved to absolute times (TimeWindow).
 */

/** Lines with from <= time < to (ms); without `to` the range is open towards the newest lines. */
export interface TimeWindow {
  from: number;
  to?: number;
}

/** What the reader chose: a range from the histogram, or the last `ms` milliseconds. */
export type ViewWindow = { kind: 'range'; from: number; to: number } | { kind: 'last'; ms: number };

export interface TimePreset {
  label: string;
  /** undefined: since the start (every line) */
  ms?: number;
  title: string;
}

export const TIME_PRESETS: readonly TimePreset[] = [
  { label: '5m', ms: 5 * 60_000, title: 'The last 5 minutes' },
  { label: '15m', ms: 15 * 60_000, title: 'The last 15 minutes' },
  { label: '1h', ms: 60 * 60_000, title: 'The last hour' },
  { label: 'All', ms: undefined, title: 'Since the start: every line held' },
];

/** A line without a time (NaN) is outside every range: it cannot be placed in one. */
export function inWindow(time: number, range: TimeWindow | undefined): boolean {
  if (!range) {
    return true;
  }
  return time >= range.from && (range.to === undefined || time < range.to);
}

export function sameWindow(a: TimeWindow | undefined, b: TimeWindow | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.from === b.from && a.to === b.to);
}

/**
 * How far a relative range's start moves at once: a thirtieth of it (10 s for 5 minutes). The engine scans the
 * buffer again whenever the range changes, so it must not change with every line or every second.
 */
export function windowStep(ms: number): number {
  return Math.max(1_000, Math.round(ms / 30));
}

/**
 * The absolute range for the engine. `anchor` is the newest line's time, or now while following; a relative
 * range's start is rounded down to its step, so it moves in steps rather than with every line.
 */
export function resolveWindow(view: ViewWindow | undefined, anchor: number): TimeWindow | undefined {
  if (!view) {
    return undefined;
  }
  if (view.kind === 'range') {
    return { from: view.from, to: view.to };
  }
  if (!Number.isFinite(anchor)) {
    return undefined;
  }
  const step = windowStep(view.ms);
  return { from: Math.floor((anchor - view.ms) / step) * step };
}

/** The preset a relative range came from, for the pressed button. */
export function presetOf(view: ViewWindow | undefined): TimePreset | undefined {
  if (!view) {
    return TIME_PRESETS.find((p) => p.ms === undefined);
  }
  return view.kind === 'last' ? TIME_PRESETS.find((p) => p.ms === view.ms) : undefined;
}
