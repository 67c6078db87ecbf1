import type { CoreApp } from '@grafana/data';

import type { ClusterOptions } from './clusterOptions';

/** What QueryEditor hands every query type's editor. */
export interface SubEditorProps<Q> {
  query: Q;
  /** change the query and run it */
  onCommit: (query: Q) => void;
  /** choices from the cluster and the dashboard's variables */
  options: ClusterOptions;
  app?: CoreApp;
}

/** in grid units of 8 px: the longest label ("Label selector", "Involved kind") and its tooltip icon on one line */
export const LABEL_WIDTH = 16;
