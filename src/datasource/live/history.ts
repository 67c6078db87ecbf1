import { DataQueryError, QueryResultMetaNotice } from '@grafana/data';

import { Series } from './series';

/**
 * What the sampler holds for one source, as of its latest poll. The series keep filling after this is
 * emitted, so read them when it arrives (timeSeriesFrames copies what it needs).
 */
export interface SeriesHistory {
  sourceKey: string;
  /** every series held, by key then metric */
  series: readonly Series[];
  /** polls finished so far, failed ones included */
  polls: number;
  /** the time of the latest successful poll (Snapshot.timeMs) */
  lastPollMs?: number;
  intervalMs: number;
  retentionMs: number;
  /** the latest poll's notices (partial failures), and the sampler's own (series left out) */
  notices: QueryResultMetaNotice[];
  /** the latest poll's errors, as the source reported them */
  errors: DataQueryError[];
  /** what the latest poll threw, when it failed as a whole; undefined after a good poll */
  pollError?: unknown;
}
