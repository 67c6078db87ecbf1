import { DataQueryError, QueryResultMetaNotice } from '@grafana/data';
import { Observable } from 'rxjs';

/**
 * One value of one series at one poll. Query modules turn what they read into samples; the sampler keeps
 * their history and turns counters into per-second rates.
 */
export interface Sample {
  /** the series' identity within its source, e.g. `node=n1` or `ns/pod/container`; stable across polls */
  key: string;
  /** what the series is about, shown as the series' labels */
  labels: Record<string, string>;
  /** which value, e.g. `cpu`, `memory`, `rx_bytes`; the field name of the series */
  metric: string;
  /** gauges are numbers; cumulative counters may be bigint so deltas stay exact past 2^53 */
  value: number | bigint;
  /** cumulative: the sampler shows its per-second rate once two samples exist */
  counter: boolean;
  /** Grafana unit of the value (of the rate, for counters), e.g. `bytes`, `Bps`, `suffix: cores` */
  unit?: string;
  /** the time the source measured this value, when it says (ms); else the poll's time */
  timeMs?: number;
}

/** Everything one poll of a source produced. */
export interface Snapshot {
  timeMs: number;
  samples: Sample[];
  /** partial failures (one node down): shown as frame notices, the rest still answers */
  notices?: QueryResultMetaNotice[];
  errors?: DataQueryError[];
}

/** Something the sampler can poll: one distinct request set, shared by every panel that asks for it. */
export interface LiveSource {
  /** identity: equal keys share one poller (include the data source uid and every parameter) */
  key: string;
  poll(): Observable<Snapshot>;
}
