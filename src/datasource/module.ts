import { DataSourcePlugin } from '@grafana/data';

import { KubeDataSource } from './datasource';
import { ConfigEditor } from './config/ConfigEditor';
import { QueryEditor } from './QueryEditor';
import { KubeDataSourceOptions, KubeQuery, KubeSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<KubeDataSource, KubeQuery, KubeDataSourceOptions, KubeSecureJsonData>(
  KubeDataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
