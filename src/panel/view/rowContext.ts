import type { LogStore } from '../model/logStore';

/** What every visible row needs, built once per render of the list rather than per row. */
export interface RowContext {
  store: LogStore;
  /** '' when timestamps are off */
  formatTime: (ms: number) => string;
  showTime: boolean;
  showSource: boolean;
  /** global RegExp for marking matches */
  highlight?: RegExp;
  /** JSON/logfmt lines start prettified */
  prettifyDefault: boolean;
  /** colour per level index */
  levelColors: readonly string[];
  /** colour per source index (by pod) */
  sourceColor: (source: number) => string;
  onToggleStructured: (seq: number) => void;
  onExpand: (seq: number) => void;
  onCopy: (row: number) => void;
}
