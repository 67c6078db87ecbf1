import { useEffect, useMemo, useState } from 'react';
import { LoadingState, type PanelData } from '@grafana/data';

import { FrameSync } from '../model/frameSync';
import { LogStore } from '../model/logStore';

/**
 * A large result is read over several tasks, so the page keeps responding: at most this many rows, or this
 * many milliseconds of level detection and escape stripping, per task.
 */
export const READ_ROWS_PER_TASK = 20_000;
export const READ_MS_PER_TASK = 20;
/** While a large result is read, the panel draws the lines read so far this often. */
const RENDER_EVERY_MS = 300;

/** The store at one version: a new object whenever the rows change, so memos can depend on it. */
export interface LogSnapshot {
  store: LogStore;
  version: number;
  /** rows of the frames not read yet (a large result is read a slice per task) */
  pendingRows: number;
}

/**
 * The panel's lines, kept in step with `data`: new frames are read once, streaming updates append only what is
 * new, a large result is read in slices of READ_ROWS_PER_TASK rows, and the store never holds more than
 * `maxLines`.
 */
export function useLogStore(data: PanelData, maxLines: number): LogSnapshot {
  const [store] = useState(() => new LogStore(maxLines));
  const [sync] = useState(() => new FrameSync());
  const [pumped, setPumped] = useState(0);
  const requestId = data.request?.requestId;
  // Reading frames during render (not in an effect) avoids a second render with stale lines; FrameSync
  // ignores a series it has already read, so a repeated call is harmless.
  const synced = useMemo(() => {
    store.setCapacity(maxLines);
    sync.sync(
      { series: data.series, streaming: data.state === LoadingState.Streaming, requestId },
      store,
      READ_ROWS_PER_TASK,
      READ_MS_PER_TASK
    );
    return store.version;
  }, [store, sync, data.series, data.state, requestId, maxLines]);

  const pendingRows = sync.pendingRows;
  useEffect(() => {
    if (pendingRows === 0) {
      return;
    }
    // The rest of a large result, a slice per task. The panel draws again every RENDER_EVERY_MS and at the end,
    // not after every slice: each draw of a growing list costs as much as a slice.
    let timer: ReturnType<typeof setTimeout>;
    const started = performance.now();
    const step = () => {
      sync.pump(store, READ_ROWS_PER_TASK, READ_MS_PER_TASK);
      if (sync.pendingRows > 0 && performance.now() - started < RENDER_EVERY_MS) {
        timer = setTimeout(step, 0);
      } else {
        setPumped((n) => n + 1);
      }
    };
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [sync, store, synced, pumped, pendingRows]);

  const version = store.version;
  return useMemo(() => ({ store, version, pendingRows }), [store, version, pendingRows]);
}
