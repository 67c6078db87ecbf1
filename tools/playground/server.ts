import { createReadStream, existsSync, statSync } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { extname, join, normalize, resolve, sep } from 'path';

import { readRoutes } from '../proxy-harness/routes';
import { applyUpdate, type DataSourceUpdate, type StoredDataSource, toBrowser } from './dataSourceStore';
import { readDistPlugins } from './distPlugins';
import { buildHostBundle, DEFAULT_BUNDLE_DIR, type ReactBuild } from './hostBundle';
import { DEFAULT_HOST, HOSTS, hostPackage, type HostId, hostVersions, type HostVersions } from './hosts';
import { pageHtml } from './pageHtml';
import { proxyRequest } from './proxy';

export interface PlaygroundOptions {
  /** the API server the data source points at (kube-sim) */
  apiServerUrl: string;
  /** its bearer token, stored as the data source's secure token */
  token: string;
  /** the pod the logs section follows */
  logsPod: { namespace: string; pod: string; container: string };
  /** default dist/ of the repository */
  distDir?: string;
  /** default 0 (ephemeral); always bound to 127.0.0.1 */
  port?: number;
  bundleDir?: string;
  /** the Grafana and React the page hosts the plugins in; default Grafana 13 */
  host?: HostId;
  /** React's development build (default: its warnings reach the console) or production build (for measuring) */
  reactBuild?: ReactBuild;
}

export interface Playground {
  url: string;
  host: HostVersions & {
    /** versions of Grafana's packages and React that the page's bundle holds */
    packages: Record<string, string[]>;
  };
  stop(): Promise<void>;
}

export const PLAYGROUND_DS_UID = 'kubeglance-playground';
const ROOT = resolve(__dirname, '..', '..');
const PROXY_PREFIX = `/api/datasources/proxy/uid/${PLAYGROUND_DS_UID}/`;
const MAX_BODY = 1024 * 1024;
/** @grafana/ui's Icon fetches its SVGs from Grafana's public folder; the package ships them */
const ICONS_PATH = '/public/build/img/icons/';
const iconsDir = (host: HostId) =>
  join(ROOT, 'node_modules', hostPackage(HOSTS[host], '@grafana/ui'), 'dist', 'public', 'img', 'icons');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

/** A file under `dir`, or undefined when the path climbs out of it or does not exist. */
function fileUnder(dir: string, relative: string): string | undefined {
  const path = normalize(join(dir, decodeURIComponent(relative)));
  if (!path.startsWith(dir + sep) || !existsSync(path) || !statSync(path).isFile()) {
    return undefined;
  }
  return path;
}

function sendFile(res: http.ServerResponse, path: string): void {
  res.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(path).pipe(res);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/**
 * The playground's server: the page and its host bundle, the built plugins from dist/ where Grafana serves
 * them, the data source's settings, and Grafana's data-source proxy in front of the API server.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  const distDir = resolve(opts.distDir ?? join(ROOT, 'dist'));
  const plugins = readDistPlugins(distDir);
  const appId = plugins[0].id;
  const dsJson = plugins.find((p) => p.type === 'datasource');
  if (!dsJson) {
    throw new Error(`${distDir} has no data source plugin`);
  }
  const routes = readRoutes(join(distDir, dsJson.baseUrl.slice(`/public/plugins/${appId}/`.length), 'plugin.json'));
  const bundleDir = opts.bundleDir ?? DEFAULT_BUNDLE_DIR;
  const hostId = opts.host ?? DEFAULT_HOST;
  const host = hostVersions(hostId);
  const bundle = await buildHostBundle(hostId, bundleDir, false, opts.reactBuild);
  const ICONS_DIR = iconsDir(hostId);

  let ds: StoredDataSource = {
    uid: PLAYGROUND_DS_UID,
    name: 'Kubeglance (playground)',
    url: opts.apiServerUrl,
    jsonData: { authMethod: 'token', pollIntervalSeconds: 5, kubeletAccess: true },
    secureJsonData: { token: opts.token },
  };

  const api = async (req: http.IncomingMessage, res: http.ServerResponse, path: string) => {
    if (path === '/api/playground/plugins') {
      return sendJson(res, 200, plugins);
    }
    if (path === '/api/playground/logs-pod') {
      return sendJson(res, 200, opts.logsPod);
    }
    if (path === '/api/playground/datasource') {
      if (req.method === 'POST') {
        ds = applyUpdate(ds, JSON.parse(await readBody(req)) as DataSourceUpdate);
      }
      return sendJson(res, 200, toBrowser(ds));
    }
    return send(res, 404, 'not found');
  };

  const proxy = async (req: http.IncomingMessage, res: http.ServerResponse, pathAndQuery: string) => {
    const controller = new AbortController();
    res.on('close', () => !res.writableFinished && controller.abort());
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const answer = await proxyRequest({
      ds,
      routes,
      method,
      pathAndQuery,
      headers: req.headers,
      body,
      signal: controller.signal,
    });
    const headers: http.OutgoingHttpHeaders = { 'cache-control': 'no-store' };
    const type = answer.headers['content-type'];
    if (type) {
      headers['content-type'] = type;
    }
    res.writeHead(answer.status, answer.statusText, headers);
    res.end(answer.body);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://playground');
    const path = url.pathname;
    const handle = async () => {
      if (path === '/' || path === '/index.html') {
        return send(res, 200, pageHtml(host), 'text/html; charset=utf-8');
      }
      if (path === '/playground/main.js' || path === '/playground/main.js.map' || path === '/playground/main.css') {
        const file = path.endsWith('.css') ? bundle.css : path.endsWith('.map') ? `${bundle.js}.map` : bundle.js;
        return sendFile(res, file);
      }
      if (path.startsWith(`/public/plugins/${appId}/`)) {
        const file = fileUnder(distDir, path.slice(`/public/plugins/${appId}/`.length));
        return file ? sendFile(res, file) : send(res, 404, 'not found');
      }
      if (path.startsWith(ICONS_PATH)) {
        const file = fileUnder(ICONS_DIR, path.slice(ICONS_PATH.length));
        return file ? sendFile(res, file) : send(res, 404, 'not found');
      }
      if (path.startsWith(PROXY_PREFIX)) {
        return proxy(req, res, (req.url ?? '').slice((req.url ?? '').indexOf(PROXY_PREFIX) + PROXY_PREFIX.length));
      }
      if (path.startsWith('/api/playground/')) {
        return api(req, res, path);
      }
      // Grafana's data source settings API: the URL and which secrets are set, never their values
      if (path === `/api/datasources/uid/${PLAYGROUND_DS_UID}` && (req.method ?? 'GET') === 'GET') {
        return sendJson(res, 200, toBrowser(ds));
      }
      if (path.startsWith('/api/datasources/proxy/')) {
        return sendJson(res, 404, { message: 'Data source not found' });
      }
      return send(res, 404, 'not found');
    };
    handle().catch((err: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 502, { message: err instanceof Error ? err.message : String(err) });
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((done) => server.listen(opts.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    host: { ...host, packages: bundle.packages },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
