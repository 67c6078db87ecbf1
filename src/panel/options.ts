import type { PanelOptionsEditorBuilder } from '@grafana/data';

import { DEDUP_MODES, type DedupMode } from './model/dedupKeys';
import type { TimestampMode } from './view/timeFormat';

/** The order lines are listed in; following keeps the newest line in view at whichever end it is. */
export type SortOrder = 'oldestFirst' | 'newestFirst';

/** The panel's saved options: the defaults a reader starts from; the toolbar changes them for the session only. */
export interface PodLogsOptions {
  /** the time column: hidden, in the dashboard's time zone, or "5s ago" */
  timestamps: TimestampMode;
  /** wrap long lines instead of scrolling sideways */
  wrapLines: boolean;
  /** show JSON and logfmt lines prettified (each line can still be toggled) */
  prettifyStructured: boolean;
  /** collapse adjacent duplicate lines: none, identical, identical but for numbers, same punctuation */
  dedup: DedupMode;
  /** oldest line at the top (new lines at the bottom), or newest at the top */
  sortOrder: SortOrder;
  /** the level chips with their counts */
  showLevelFilter: boolean;
  /** the pod/container chips */
  showSourceChips: boolean;
  /** stick to the newest line when lines arrive */
  followByDefault: boolean;
  /** lines kept in the browser; older ones are dropped and counted */
  maxLines: number;
  /** search applied when the panel loads (dashboard variables allowed) */
  defaultSearch: string;
  /** read the default search as a regular expression */
  defaultSearchRegex: boolean;
  /** fields (of JSON/logfmt lines, or stream labels) shown instead of the whole line; empty: the whole line */
  displayedFields: string[];
  /** live tail: seconds between the panel's own re-queries of Loki/Elasticsearch while following; 0 = off */
  liveTailSeconds: number;
}

export const MAX_LINES_LIMIT = 2_000_000;

export const DEFAULT_POD_LOGS_OPTIONS: PodLogsOptions = {
  timestamps: 'absolute',
  wrapLines: false,
  prettifyStructured: false,
  dedup: 'none',
  sortOrder: 'oldestFirst',
  showLevelFilter: true,
  showSourceChips: true,
  followByDefault: true,
  maxLines: 100_000,
  defaultSearch: '',
  defaultSearchRegex: false,
  displayedFields: [],
  liveTailSeconds: 5,
};

/** Live tail re-queries at most this often (and at least once an hour). */
export const LIVE_TAIL_MIN_SECONDS = 1;
export const LIVE_TAIL_MAX_SECONDS = 3600;

/** Saved options from an older version or a hand-written dashboard, with every field present and in range. */
export function withDefaults(options: Partial<PodLogsOptions> | undefined): PodLogsOptions {
  const merged = { ...DEFAULT_POD_LOGS_OPTIONS, ...options };
  const max = Number(merged.maxLines);
  merged.maxLines =
    Number.isFinite(max) && max >= 1 ? Math.min(Math.floor(max), MAX_LINES_LIMIT) : DEFAULT_POD_LOGS_OPTIONS.maxLines;
  if (!['off', 'absolute', 'relative'].includes(merged.timestamps)) {
    merged.timestamps = DEFAULT_POD_LOGS_OPTIONS.timestamps;
  }
  if (!DEDUP_MODES.includes(merged.dedup)) {
    merged.dedup = DEFAULT_POD_LOGS_OPTIONS.dedup;
  }
  if (merged.sortOrder !== 'oldestFirst' && merged.sortOrder !== 'newestFirst') {
    merged.sortOrder = DEFAULT_POD_LOGS_OPTIONS.sortOrder;
  }
  // a hand-written dashboard may hold anything here: keep the names, once each, in order
  merged.displayedFields = Array.isArray(merged.displayedFields)
    ? Array.from(new Set(merged.displayedFields.filter((f): f is string => typeof f === 'string' && f.trim() !== '')))
    : [];
  // live tail: 0 (or less) is off; anything else within [1 s, 1 h]
  const tail = Number(merged.liveTailSeconds);
  merged.liveTailSeconds = !Number.isFinite(tail)
    ? DEFAULT_POD_LOGS_OPTIONS.liveTailSeconds
    : tail <= 0
      ? 0
      : Math.min(Math.max(tail, LIVE_TAIL_MIN_SECONDS), LIVE_TAIL_MAX_SECONDS);
  return merged;
}

/** Dedup modes as the editor and the toolbar offer them. */
export const DEDUP_OPTIONS: Array<{ value: DedupMode; label: string; description: string }> = [
  { value: 'none', label: 'None', description: 'Every line' },
  { value: 'exact', label: 'Exact', description: 'Collapse adjacent identical lines of one pod/container' },
  { value: 'numbers', label: 'Numbers', description: 'Collapse adjacent lines that differ only in numbers' },
  {
    value: 'signature',
    label: 'Signature',
    description: 'Collapse adjacent lines that differ only in words and numbers (same punctuation)',
  },
];

export const SORT_OPTIONS: Array<{ value: SortOrder; label: string; description: string }> = [
  { value: 'oldestFirst', label: 'Oldest first', description: 'New lines at the bottom' },
  { value: 'newestFirst', label: 'Newest first', description: 'New lines at the top' },
];

const DISPLAY = ['Display'];
const FILTERS = ['Filters'];
const STREAMING = ['Streaming'];

/** The panel's options editor; module.ts passes it to setPanelOptions. */
export function addPodLogsOptions(builder: PanelOptionsEditorBuilder<PodLogsOptions>) {
  const d = DEFAULT_POD_LOGS_OPTIONS;
  builder
    .addRadio({
      path: 'timestamps',
      name: 'Timestamps',
      description: "Each line's time in the dashboard's time zone, or how long ago it was written",
      category: DISPLAY,
      defaultValue: d.timestamps,
      settings: {
        options: [
          { value: 'off', label: 'Off' },
          { value: 'absolute', label: 'Absolute' },
          { value: 'relative', label: 'Relative' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'wrapLines',
      name: 'Wrap lines',
      description: 'Wrap long lines instead of scrolling sideways',
      category: DISPLAY,
      defaultValue: d.wrapLines,
    })
    .addBooleanSwitch({
      path: 'prettifyStructured',
      name: 'Prettify JSON and logfmt',
      description: 'Show JSON lines indented and logfmt lines as fields; each line can be switched back',
      category: DISPLAY,
      defaultValue: d.prettifyStructured,
    })
    .addStringArray({
      path: 'displayedFields',
      name: 'Displayed fields',
      description:
        'Fields of JSON/logfmt lines (dotted for nested JSON, e.g. http.status) or stream labels shown instead of the whole line; lines without any of them show whole. Also set from the log details',
      category: DISPLAY,
      defaultValue: d.displayedFields,
    })
    .addRadio({
      path: 'dedup',
      name: 'Deduplication',
      description:
        'Collapse adjacent lines of one pod/container that are identical (exact), identical but for numbers, or have the same punctuation (signature), with a count',
      category: DISPLAY,
      defaultValue: d.dedup,
      settings: { options: DEDUP_OPTIONS.map(({ value, label }) => ({ value, label })) },
    })
    .addRadio({
      path: 'sortOrder',
      name: 'Order',
      description: 'Oldest line first (new lines at the bottom) or newest first (new lines at the top)',
      category: DISPLAY,
      defaultValue: d.sortOrder,
      settings: { options: SORT_OPTIONS.map(({ value, label }) => ({ value, label })) },
    })
    .addBooleanSwitch({
      path: 'showLevelFilter',
      name: 'Severity filter',
      description: 'Chips with the number of lines per level, to show or hide each level',
      category: FILTERS,
      defaultValue: d.showLevelFilter,
    })
    .addBooleanSwitch({
      path: 'showSourceChips',
      name: 'Pod and container chips',
      description: 'A chip per pod/container, to show or hide its lines',
      category: FILTERS,
      defaultValue: d.showSourceChips,
    })
    .addTextInput({
      path: 'defaultSearch',
      name: 'Default search',
      description: 'Highlighted when the panel loads; dashboard variables are replaced',
      category: FILTERS,
      defaultValue: d.defaultSearch,
    })
    .addBooleanSwitch({
      path: 'defaultSearchRegex',
      name: 'Default search is a regular expression',
      category: FILTERS,
      defaultValue: d.defaultSearchRegex,
    })
    .addBooleanSwitch({
      path: 'followByDefault',
      name: 'Follow new lines',
      description: 'Stick to the newest line as lines arrive; scrolling up pauses',
      category: STREAMING,
      defaultValue: d.followByDefault,
    })
    .addNumberInput({
      path: 'maxLines',
      name: 'Max lines kept',
      description: 'Older lines are dropped (and counted) beyond this many',
      category: STREAMING,
      defaultValue: d.maxLines,
      settings: { min: 1, max: MAX_LINES_LIMIT, integer: true },
    })
    .addNumberInput({
      path: 'liveTailSeconds',
      name: 'Live tail every (seconds)',
      description:
        'Loki and Elasticsearch do not stream into dashboards: while following with a range ending now, the panel re-queries them this often for new lines. 0 turns it off',
      category: STREAMING,
      defaultValue: d.liveTailSeconds,
      settings: { min: 0, max: LIVE_TAIL_MAX_SECONDS },
    });
}
