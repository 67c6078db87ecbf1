import type { FilterResult, FilterSpec, RowsDelta } from '../model/filterEngine';
import type { Range } from '../model/search';
import type { Structured } from '../model/structured';

/**
 * Messages from the panel to its engine (a Web Worker, or the same code on the main thread). Row deltas carry
 * each row's stack-trace group head (RowsDelta.heads), and results list whole groups; the view tells heads from
 * continuation rows and counts a group's rows from the store's own `heads`, which it holds already.
 */
export type EngineRequest =
  | { type: 'rows'; seq: number; delta: RowsDelta }
  | { type: 'filter'; id: number; spec: FilterSpec }
  /** where the search matches in these rows (absolute indices), for highlighting; `keys` come back as given */
  | { type: 'ranges'; filterId: number; rows: number[]; keys: number[]; maxChars: number }
  | { type: 'prettify'; id: number; text: string };

/** Messages from the engine. */
export type EngineReply =
  | { type: 'ready' }
  | { type: 'failed'; reason: string }
  | { type: 'result'; result: FilterResult; done: boolean }
  | { type: 'ranges'; filterId: number; keys: number[]; ranges: Range[][] }
  | { type: 'pretty'; id: number; value?: Structured };
