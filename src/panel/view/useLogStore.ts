import { useMemo, useState } from 'react';
import { LoadingState, type PanelData } from '@grafana/data';

import { FrameSync } from '../model/frameSync';
import { LogStore } from '../model/logStore';

/**
 * The panel's lines, kept in step with `data`: new frames are read once, streaming updates append only what is
 * new, and the store never holds more than `maxLines`.
 */
/** The store at one version: a new object whenever the rows change, so memos can depend on it. */
export interface LogSnapshot {
  store: LogStore;
  version: number;
}

export function useLogStore(data: PanelData, maxLines: number): LogSnapshot {
  const [store] = useState(() => new LogStore(maxLines));
  const [sync] = useState(() => new FrameSync());
  const requestId = data.request?.requestId;
  // Reading frames during render (not in an effect) avoids a second render with stale lines; FrameSync
  // ignores a series it has already read, so a repeated call is harmless.
  const version = useMemo(() => {
    store.setCapacity(maxLines);
    sync.sync({ series: data.series, streaming: data.state === LoadingState.Streaming, requestId }, store);
    return store.version;
  }, [store, sync, data.series, data.state, requestId, maxLines]);
  return useMemo(() => ({ store, version }), [store, version]);
}
