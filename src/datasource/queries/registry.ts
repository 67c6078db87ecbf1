import { KubeQuery, QueryType } from '../types';
import { eventsModule } from './events';
import { kubeletModule } from './kubelet';
import { logsModule } from './logs';
import { nodesModule } from './nodes';
import { objectsModule } from './objects';
import { podsModule } from './pods';
import { summaryModule } from './summary';
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
};
