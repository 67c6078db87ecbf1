import { useCallback, useMemo, useState } from 'react';
import { type DataFrame, LoadingState, type PanelData, type QueryResultMetaNotice } from '@grafana/data';

/** What the panel fetched itself (live tail, older lines), to read into the store after data.series. */
interface Fetched {
  requestId?: string;
  /** the latest batch only: FrameSync has read the earlier ones, the store keeps their lines */
  frames: DataFrame[];
  batch: number;
  notices: Record<string, QueryResultMetaNotice | undefined>;
}

/**
 * Frames the panel fetched on top of the dashboard's, merged into `data` the way a stream delivers more lines:
 * each batch is a frame set of its own (refIds made unique), read once and appended in time order by the store.
 * A new dashboard query (a new requestId) starts over: its result holds everything again.
 */
export function useFetchedFrames(data: PanelData) {
  const requestId = data.request?.requestId;
  const [fetched, setFetched] = useState<Fetched>({ requestId, frames: [], batch: 0, notices: {} });
  const current = fetched.requestId === requestId;

  const add = useCallback(
    (kind: string, frames: DataFrame[]) => {
      if (frames.length === 0) {
        return;
      }
      setFetched((f) => {
        const batch = f.batch + 1;
        const tagged = frames.map((frame, i) => ({ ...frame, refId: `${frame.refId ?? ''}~${kind}${batch}.${i}` }));
        return { ...f, requestId, frames: tagged, batch, notices: f.requestId === requestId ? f.notices : {} };
      });
    },
    [requestId]
  );

  /** Sets (or clears, with undefined) the panel's own notice of one kind: a failed tail, the log's start. */
  const notify = useCallback(
    (kind: string, notice: QueryResultMetaNotice | undefined) =>
      setFetched((f) => {
        const notices = f.requestId === requestId ? f.notices : {};
        if (notices[kind]?.text === notice?.text && notices[kind]?.severity === notice?.severity) {
          return f;
        }
        return {
          ...f,
          requestId,
          frames: f.requestId === requestId ? f.frames : [],
          notices: { ...notices, [kind]: notice },
        };
      }),
    [requestId]
  );

  const frames = current ? fetched.frames : undefined;
  const merged = useMemo<PanelData>(
    () =>
      frames && frames.length > 0
        ? // what the panel fetched arrives as more of a stream: same request, more lines
          { ...data, series: [...data.series, ...frames], state: LoadingState.Streaming }
        : data,
    [data, frames]
  );
  const notices = useMemo(
    () => (current ? Object.values(fetched.notices).filter((n): n is QueryResultMetaNotice => n !== undefined) : []),
    [current, fetched.notices]
  );
  return { data: merged, add, notify, notices };
}
