import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { PluginRoute } from './routes';

export const OUR_PLUGIN_JSON = join(__dirname, '..', '..', 'src', 'datasource', 'plugin.json');

/** Our plugin.json's routes, as written. */
export function ourRoutes(): PluginRoute[] {
  return JSON.parse(readFileSync(OUR_PLUGIN_JSON, 'utf8')).routes;
}

/** Our plugin.json with other routes, in a temporary directory, for tests of proxy behaviour our routes never reach. */
export function pluginJsonWithRoutes(routes: PluginRoute[]): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-harness-plugin-'));
  const json = JSON.parse(readFileSync(OUR_PLUGIN_JSON, 'utf8'));
  json.routes = routes;
  const path = join(dir, 'plugin.json');
  writeFileSync(path, JSON.stringify(json));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
