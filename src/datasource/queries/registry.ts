import { KubeQuery, QueryType } from '../types';
import { logsModule } from './logs';
import { nodesModule } from './nodes';
import { QueryModule } from './types';

/** Every query type's module; the data source looks the query's type up here. */
export const QUERY_MODULES: Partial<Record<QueryType, QueryModule<KubeQuery, unknown>>> = {
  nodes: nodesModule as QueryModule<KubeQuery, unknown>,
  logs: logsModule as QueryModule<KubeQuery, unknown>,
};
