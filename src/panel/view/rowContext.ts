import type { LogStore } from '../model/logStore';
import type { Range } from '../model/search';
import type { Structured } from '../model/structured';

/** What every visible row needs, built once per render of the list rather than per row. */
export interface RowContext {
  store: LogStore;
  /** '' when timestamps are off */
  formatTime: (ms: number) => string;
  showTime: boolean;
  showSource: boolean;
  /** the source column's width in characters: the longest label shown, capped */
  sourceChars: number;
  /** search matches in the first maxChars of a row's text; undefined while they are being found */
  highlight: (row: number, maxChars: number) => Range[] | undefined;
  /** search matches in any text (prettified fields); only plain-text searches mark them */
  markText: (text: string) => Range[];
  /** a long line prettified by the engine: undefined while it works, null if it is not structured */
  prettified: (seq: number, text: string) => Structured | null | undefined;
  /** JSON/logfmt lines start prettified */
  prettifyDefault: boolean;
  /** colour per level index */
  levelColors: readonly string[];
  /** colour per source index (by pod) */
  sourceColor: (source: number) => string;
  onToggleStructured: (seq: number) => void;
  onExpand: (seq: number) => void;
  /** copies the row, or with `group` the whole stack trace it heads; resolves to whether the clipboard took it */
  onCopy: (row: number, group: boolean) => Promise<boolean>;
  /** collapses (expanded: true) or expands the stack trace headed by the line with this seq */
  onToggleGroup: (seq: number, expanded: boolean) => void;
  /** opens (or closes) the row's log details (LogDetails.tsx); absent: no details */
  onDetails?: (row: number) => void;
  /** fields shown instead of the whole line (options.displayedFields); empty or absent: the line */
  displayedFields?: readonly string[];
  /** nav: links the row in the page URL (view/urlState.ts) and copies the link; absent: no link button */
  onLink?: (row: number) => void;
}

/** Characters of a long line shown at first, and added by each "show more". */
export const LINE_CHUNK_CHARS = 10_000;
