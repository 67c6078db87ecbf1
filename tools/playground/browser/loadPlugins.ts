import { type DataSourcePluginMeta, type PanelPluginMeta, type PluginMeta, PluginType } from '@grafana/data';

import type { AmdLoader } from './amdLoader';
import type { AnyDataSourcePlugin, DistPluginInfo, LoadedPlugins } from './pluginTypes';

function meta(p: DistPluginInfo): PluginMeta {
  return {
    id: p.id,
    name: p.name,
    type: p.type === 'app' ? PluginType.app : p.type === 'panel' ? PluginType.panel : PluginType.datasource,
    module: p.module,
    baseUrl: p.baseUrl,
    info: p.info as unknown as PluginMeta['info'],
  };
}

function exportedPlugin(value: unknown, p: DistPluginInfo): unknown {
  const plugin = (value as { plugin?: unknown } | undefined)?.plugin;
  if (!plugin) {
    throw new Error(`${p.module} does not export \`plugin\``);
  }
  return plugin;
}

/** Loads each module.js as Grafana does (AMD), and gives each plugin its meta as Grafana's importer would. */
export async function loadPlugins(loader: AmdLoader, list: DistPluginInfo[]): Promise<LoadedPlugins> {
  const find = (type: DistPluginInfo['type']) => {
    const p = list.find((x) => x.type === type);
    if (!p) {
      throw new Error(`dist/ has no ${type} plugin`);
    }
    return p;
  };
  const [appInfo, dsInfo, panelInfo] = [find('app'), find('datasource'), find('panel')];
  const [appModule, dsModule, panelModule] = await loader.load([appInfo.module, dsInfo.module, panelInfo.module]);

  const app = exportedPlugin(appModule, appInfo) as LoadedPlugins['app'];
  app.init(meta(appInfo) as never);
  const dataSource = exportedPlugin(dsModule, dsInfo) as AnyDataSourcePlugin;
  dataSource.meta = meta(dsInfo) as DataSourcePluginMeta;
  const panel = exportedPlugin(panelModule, panelInfo) as LoadedPlugins['panel'];
  panel.meta = { ...(meta(panelInfo) as PanelPluginMeta), skipDataQuery: false, sort: 0 };
  return { app, dataSource, panel };
}
