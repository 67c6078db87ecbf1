/** @jest-environment node */
import Ajv from 'ajv';
import fs from 'fs';
import { globSync } from 'glob';
import path from 'path';

import schema from './plugin.schema.json';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

const pluginFiles = globSync('**/plugin.json', { cwd: src }).sort();
const plugins = pluginFiles.map((rel) => ({
  rel,
  dir: path.dirname(path.join(src, rel)),
  json: readJson(path.join(src, rel)),
}));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('plugin.json files', () => {
  it('are the app, the data source and the panel', () => {
    expect(plugins.map((p) => [p.rel, p.json.id])).toEqual([
      ['datasource/plugin.json', 'kubeglance-kubernetes-datasource'],
      ['panel/plugin.json', 'kubeglance-podlogs-panel'],
      ['plugin.json', 'kubeglance-kubernetes-app'],
    ]);
  });

  it.each(pluginFiles)('%s satisfies the plugin.json schema', (rel) => {
    const ok = validate(readJson(path.join(src, rel)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(pluginFiles)('%s has an id whose suffix is its type and logos that exist', (rel) => {
    const p = plugins.find((x) => x.rel === rel)!;
    expect(p.json.id.endsWith(`-${p.json.type}`)).toBe(true);
    for (const logo of [p.json.info.logos.small, p.json.info.logos.large]) {
      expect(fs.existsSync(path.join(p.dir, logo))).toBe(true);
    }
    expect(p.json.dependencies.grafanaDependency).toBe('>=12.4.0');
  });

  it('the app includes every nested plugin with its type', () => {
    const app = plugins.find((p) => p.json.type === 'app')!;
    const nested = plugins.filter((p) => p !== app);
    for (const p of nested) {
      expect(app.json.includes).toContainEqual(expect.objectContaining({ type: p.json.type, path: p.rel }));
    }
  });

  it('the data source declares its capabilities and GET-only routes that add the token', () => {
    const ds = plugins.find((p) => p.json.type === 'datasource')!.json;
    expect(ds).toMatchObject({ metrics: true, logs: true, streaming: true, annotations: true });
    expect(ds.backend).toBeFalsy();
    const routes: Array<{
      path: string;
      method: string;
      url?: string;
      headers: Array<{ name: string; content: string }>;
    }> = ds.routes;
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['api', 'apis']));
    for (const r of routes) {
      expect(r.method).toBe('GET');
      // header-only: the data source url is the API server, so proxy paths equal API paths
      expect(r.url).toBeUndefined();
      expect(r.headers).toContainEqual({ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.token }}' });
    }
  });

  it('every @grafana package is pinned to one exact version that installs from the registry', () => {
    const pkg = readJson(path.join(root, 'package.json'));
    const all = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
    const grafana = Object.entries(all).filter(([name]) => /^@grafana\/(data|ui|runtime|schema|i18n)$/.test(name));
    expect(grafana.length).toBeGreaterThanOrEqual(4);
    const versions = new Set(grafana.map(([, v]) => v));
    expect(versions.size).toBe(1);
    expect([...versions][0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the README is the project README, not the scaffold template', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Kubeglance/m);
    expect(readme).not.toMatch(/This template is a starting point/i);
  });
});
