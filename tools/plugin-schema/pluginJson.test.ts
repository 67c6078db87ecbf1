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

  describe('the data source routes (Grafana 12.4/13 ds_proxy.go validateRequest reads them in order)', () => {
    type Route = {
      path: string;
      method: string;
      url?: string;
      reqAction?: string;
      reqRole?: string;
      headers?: Array<{ name: string; content: string }>;
    };
    const ds = () => plugins.find((p) => p.json.type === 'datasource')!.json;
    const routes = (): Route[] => ds().routes;
    const TOKEN =
      '{{ if .JsonData.oauthPassThru }}{{ else if .SecureJsonData.token }}Bearer {{ .SecureJsonData.token }}{{ end }}';
    const REFUSAL_ACTION = 'kubeglance-kubernetes-datasource.proxy:write';
    const REVIEWS = [
      'apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      'apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    ];

    it('the data source declares its capabilities and has no backend', () => {
      expect(ds()).toMatchObject({ metrics: true, logs: true, streaming: true, annotations: true });
      expect(ds().backend).toBeFalsy();
    });

    it('come in this order: the review POSTs, the GET routes, then the refusal routes for api and for "/"', () => {
      expect(routes().map((r) => `${r.method} ${r.path}`)).toEqual([
        ...REVIEWS.map((p) => `POST ${p}`),
        'GET api',
        'GET apis',
        'GET version',
        '* api',
        '* /',
      ]);
    });

    it('use exact method names: Grafana compares them as strings, so a list like "GET,HEAD" would match nothing', () => {
      for (const r of routes()) {
        expect(['GET', 'POST', '*']).toContain(r.method);
      }
    });

    it('allow no method but GET to reach the cluster, except the two review POSTs, which need datasources:write', () => {
      for (const r of routes().filter((x) => x.method !== 'GET')) {
        if (r.method === 'POST') {
          expect(REVIEWS).toContain(r.path);
          expect(r.reqAction).toBe('datasources:write');
          expect(r.url).toBeUndefined();
        } else {
          // refused twice over: an action no basic role holds, and a host that never resolves (RFC 6761)
          expect(r.reqAction).toBe(REFUSAL_ACTION);
          expect(new URL(r.url!).hostname).toMatch(/\.invalid$/);
          expect(r.headers).toBeUndefined();
        }
      }
    });

    it('send every request that reaches the cluster with the token template, and nothing else', () => {
      for (const r of routes().filter((x) => x.url === undefined)) {
        // header-only: the data source url is the API server, so proxy paths equal API paths
        expect(r.headers).toEqual([{ name: 'Authorization', content: TOKEN }]);
      }
    });

    it("refuse with an action in the plugin's own namespace (`<plugin id>.`), which no basic role holds", () => {
      expect(REFUSAL_ACTION.startsWith(`${ds().id}.`)).toBe(true);
      expect(REFUSAL_ACTION).not.toMatch(/^datasources:/);
    });
  });

  describe('dependencies', () => {
    const pkg = readJson(path.join(root, 'package.json'));
    const lock = readJson(path.join(root, 'package-lock.json'));
    const all = { ...pkg.dependencies, ...pkg.devDependencies } as Record<string, string>;
    const RUNTIME = ['data', 'i18n', 'runtime', 'schema', 'ui'];
    const installed = (name: string) =>
      lock.packages[`node_modules/${name}`] as { name?: string; version: string; integrity: string };

    it('build against one exact version of every @grafana runtime package, Grafana 13', () => {
      const versions = new Set(RUNTIME.map((n) => all[`@grafana/${n}`]));
      expect(versions.size).toBe(1);
      const [version] = [...versions];
      expect(version).toMatch(/^13\.\d+\.\d+$/);
      for (const n of RUNTIME) {
        expect(installed(`@grafana/${n}`).version).toBe(version);
      }
    });

    it('pin every other @grafana package to an exact version too', () => {
      const grafana = Object.entries(all).filter(([name]) => name.startsWith('@grafana/'));
      expect(grafana.length).toBeGreaterThan(RUNTIME.length);
      for (const [name, version] of grafana) {
        expect(`${name}@${version}`).toMatch(/@\d+\.\d+\.\d+$/);
        expect(installed(name).version).toBe(version);
      }
    });

    it('build against React 19, the React of Grafana 13.2 and later', () => {
      expect(all.react).toBe(all['react-dom']);
      expect(all.react).toMatch(/^19\.\d+\.\d+$/);
      expect(installed('react').version).toBe(all.react);
      expect(installed('@types/react').version).toMatch(/^19\./);
      expect(installed('@types/react-dom').version).toMatch(/^19\./);
    });

    it('install the Grafana 12.4 host (one exact version) and React 18 beside them, from the registry', () => {
      const versions = new Set(
        RUNTIME.map((n) => {
          const spec = all[`grafana-${n}-12`];
          expect(spec).toMatch(new RegExp(`^npm:@grafana/${n}@12\\.4\\.\\d+$`));
          return spec.split('@').pop();
        })
      );
      expect(versions.size).toBe(1);
      expect(all['react-18']).toMatch(/^npm:react@18\.\d+\.\d+$/);
      expect(all['react-dom-18']).toBe(all['react-18'].replace('npm:react@', 'npm:react-dom@'));
      for (const alias of [...RUNTIME.map((n) => `grafana-${n}-12`), 'react-18', 'react-dom-18']) {
        const entry = installed(alias);
        expect(entry.version).toBe(all[alias].split('@').pop());
        // the aliases install the registry's own packages, checked by name and integrity
        expect(entry.name).toBe(all[alias].slice('npm:'.length, all[alias].lastIndexOf('@')));
        expect(entry.integrity).toMatch(/^sha512-/);
      }
    });
  });

  it('the README is the project README, not the scaffold template', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Kubeglance/m);
    expect(readme).not.toMatch(/This template is a starting point/i);
  });
});
