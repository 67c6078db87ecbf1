import { KubeQuery, QueryType } from '../types';
import { eventsModule } from './events/eventsQuery';
import { kubeletModule } from './kubelet/kubeletQuery';
import { logsModule } from './logs/logsQuery';
import { nodesModule } from './nodes/nodesQuery';
import { objectsModule } from './objects/objectsQuery';
import { outliersModule } from './outliers/outliersQuery';
import { podsModule } from './pods/podsQuery';
import { risksModule } from './risks/risksQuery';
import { rightSizingModule } from './rightsizing/rightsizingQuery';
import { summaryModule } from './summary/summaryQuery';
import { timelineModule } from './timeline/timelineQuery';
import { timeToFullModule } from './timeToFull/timeToFullQuery';
import { QueryModule } from './types';

/** Every query type's module; the data source looks the query's type up here. */
export const QUERY_MODULES: Partial<Record<QueryType, QueryModule<KubeQuery, unknown>>> = {
  nodes: nodesModule as QueryModule<KubeQuery, unknown>,
  pods: podsModule as QueryModule<KubeQuery, unknown>,
  logs: logsModule as QueryModule<KubeQuery, unknown>,
  summary: summaryModule as QueryModule<KubeQuery, unknown>,
  kubelet: kubeletModule as QueryModule<KubeQuery, unknown>,
  objects: objectsModule as QueryModule<KubeQuery, unknown>,
  events: eventsModule as QueryModule<KubeQuery, unknown>,
  risks: risksModule as QueryModule<KubeQuery, unknown>,
  timeline: timelineModule as QueryModule<KubeQuery, unknown>,
  outliers: outliersModule as QueryModule<KubeQuery, unknown>,
  rightsizing: rightSizingModule as QueryModule<KubeQuery, unknown>,
  timeToFull: timeToFullModule as QueryModule<KubeQuery, unknown>,
};
