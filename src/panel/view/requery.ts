/**
 * Runs some of a panel's queries again over another time range, through the data source each names: the
 * panel's own fetches (live tail, older lines) on top of what the dashboard ran.
 */
import {
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  dateTime,
  type PanelData,
  type TimeRange,
} from '@grafana/data';
import type { DataQuery, DataSourceRef } from '@grafana/schema';
import { getDataSourceSrv } from '@grafana/runtime';
import { from, isObservable, type Observable } from 'rxjs';

export const KUBEGLANCE_DS_TYPE = 'kubeglance-kubernetes-datasource';
/** Data sources whose logs queries return a snapshot: the panel re-queries them itself to tail them. */
export const SNAPSHOT_LOG_SOURCES = ['loki', 'elasticsearch'];

/** The data source type a target runs on: its ref's type, else the type Grafana knows for its uid. */
export function targetType(target: DataQuery): string | undefined {
  const ref = target.datasource;
  if (!ref) {
    return undefined;
  }
  if (ref.type) {
    return ref.type;
  }
  try {
    return getDataSourceSrv().getInstanceSettings(ref)?.type;
  } catch {
    return undefined;
  }
}

/** A fixed range between two instants (epoch ms). */
export function absoluteRange(fromMs: number, toMs: number): TimeRange {
  const f = dateTime(fromMs);
  const t = dateTime(toMs);
  return { from: f, to: t, raw: { from: f, to: t } };
}

/** True while the dashboard's range ends at "now" (a live view), so newer lines belong in it. */
export function endsNow(data: PanelData): boolean {
  const to = (data.request?.range ?? data.timeRange)?.raw?.to;
  return typeof to === 'string' && to.trim() === 'now';
}

export interface RequeryResult {
  frames: DataFrame[];
  /** what the data source reported as wrong; frames may still hold the lines it could read */
  errors: string[];
}

export interface Requery {
  done: Promise<RequeryResult>;
  /** stops a query still running (the panel unmounted or stopped tailing) */
  cancel(): void;
}

/**
 * The targets (all on one data source) over `range`, through data.request's other settings. A response may
 * come as several emissions (one per target key): the last of each key is kept.
 */
export function requery(
  request: DataQueryRequest,
  ref: DataSourceRef,
  targets: DataQuery[],
  range: TimeRange,
  requestId: string
): Requery {
  let cancelled = false;
  let cancelSub: () => void = () => undefined;
  const done = new Promise<RequeryResult>((resolve) => {
    const fail = (err: unknown) => resolve({ frames: [], errors: [errorText(err)] });
    getDataSourceSrv()
      .get(ref)
      .then((ds) => {
        if (cancelled) {
          return;
        }
        const req: DataQueryRequest = {
          ...request,
          targets,
          range,
          requestId,
          startTime: Date.now(),
          liveStreaming: false,
        };
        const result = ds.query(req) as Observable<DataQueryResponse> | Promise<DataQueryResponse>;
        const stream: Observable<DataQueryResponse> = isObservable(result) ? result : from(result);
        const byKey = new Map<string, DataQueryResponse>();
        const sub = stream.subscribe({
          next: (r) => byKey.set(r.key ?? '', r),
          error: fail,
          complete: () => {
            const responses = [...byKey.values()];
            const errors = responses.flatMap((r) => (r.errors ?? []).map(errorText));
            resolve({ frames: responses.flatMap((r) => (r.data ?? []) as DataFrame[]), errors });
          },
        });
        cancelSub = () => sub.unsubscribe();
      }, fail);
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      cancelSub();
    },
  };
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; data?: { message?: unknown }; statusText?: unknown };
    const text = e.message ?? e.data?.message ?? e.statusText;
    if (typeof text === 'string' && text !== '') {
      return text;
    }
  }
  return typeof err === 'string' && err !== '' ? err : 'the data source returned an error';
}

/** Targets grouped by data source uid (a mixed panel queries several). */
export function byDataSource(targets: DataQuery[]): Array<{ ref: DataSourceRef; targets: DataQuery[] }> {
  const groups = new Map<string, { ref: DataSourceRef; targets: DataQuery[] }>();
  for (const t of targets) {
    if (!t.datasource) {
      continue;
    }
    const key = t.datasource.uid ?? t.datasource.type ?? '';
    const group = groups.get(key) ?? { ref: t.datasource, targets: [] };
    group.targets.push(t);
    groups.set(key, group);
  }
  return [...groups.values()];
}
