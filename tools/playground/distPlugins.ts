import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/** A built plugin as the browser needs to load it, like the entries of Grafana's plugin settings. */
export interface DistPlugin {
  id: string;
  type: 'app' | 'datasource' | 'panel';
  name: string;
  /** URL of its module.js, under public/plugins/<app id>/ as Grafana serves nested plugins */
  module: string;
  /** URL of its folder, for logos */
  baseUrl: string;
  info: Record<string, unknown>;
}

interface PluginJson {
  id: string;
  type: DistPlugin['type'];
  name: string;
  info?: Record<string, unknown>;
  includes?: Array<{ type: string; path: string }>;
}

function readPluginJson(path: string): PluginJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PluginJson;
}

/** The root app of dist/ and the nested plugins its `includes` name; throws when dist/ is not built. */
export function readDistPlugins(distDir: string): DistPlugin[] {
  const rootJson = join(distDir, 'plugin.json');
  if (!existsSync(rootJson) || !existsSync(join(distDir, 'module.js'))) {
    throw new Error(`${distDir} has no built plugin: run \`npm run build\` first`);
  }
  const root = readPluginJson(rootJson);
  const base = `/public/plugins/${root.id}`;
  const plugins: DistPlugin[] = [
    {
      id: root.id,
      type: root.type,
      name: root.name,
      module: `${base}/module.js`,
      baseUrl: base,
      info: root.info ?? {},
    },
  ];
  for (const inc of root.includes ?? []) {
    if (inc.type !== 'datasource' && inc.type !== 'panel') {
      continue;
    }
    const dir = inc.path.replace(/\/?plugin\.json$/, '');
    const json = readPluginJson(join(distDir, dir, 'plugin.json'));
    plugins.push({
      id: json.id,
      type: json.type,
      name: json.name,
      module: `${base}/${dir}/module.js`,
      baseUrl: `${base}/${dir}`,
      info: json.info ?? {},
    });
  }
  return plugins;
}
