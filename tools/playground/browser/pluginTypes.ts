import type {
  AppPlugin,
  DataQuery,
  DataSourceApi,
  DataSourceJsonData,
  DataSourcePlugin,
  PanelPlugin,
} from '@grafana/data';

/** Each plugin as its module.js exports it (`export const plugin`), typed loosely: the page only hosts them. */
export type AnyDataSourcePlugin = DataSourcePlugin<
  DataSourceApi<DataQuery, DataSourceJsonData>,
  DataQuery,
  DataSourceJsonData
>;

export interface LoadedPlugins {
  app: AppPlugin;
  dataSource: AnyDataSourcePlugin;
  panel: PanelPlugin;
}

/** A plugin of dist/ as the playground server lists it (see ../distPlugins.ts). */
export interface DistPluginInfo {
  id: string;
  type: 'app' | 'datasource' | 'panel';
  name: string;
  module: string;
  baseUrl: string;
  info: Record<string, unknown>;
}

/** The pod the logs section follows. */
export interface LogsPod {
  namespace: string;
  pod: string;
  container: string;
}
