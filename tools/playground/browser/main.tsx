/**
 * The playground page: registers Grafana's shared modules with an AMD loader, sets the @grafana/runtime
 * services a plugin reaches for, loads the three module.js files from dist/ and renders them.
 */
import React from 'react';
import { setBackendSrv, setTemplateSrv } from '@grafana/runtime';
import { createRoot } from 'react-dom/client';

import { createAmdLoader } from './amdLoader';
import { App } from './App';
import { createBackendSrv, type RequestLogEntry } from './backendSrv';
import type { ServerDataSource } from './dataSource';
import type { HostInfo } from '../hostBundle';
import { loadPlugins } from './loadPlugins';
import type { DistPluginInfo, LogsPod } from './pluginTypes';
import { SHARED_MODULES } from './sharedModules';
import { createTemplateSrv } from './templateSrv';
import { PLAYGROUND_TEST_IDS } from './testIds';

/** the host this bundle was built for (hostBundle.ts defines it) */
declare const __KUBEGLANCE_HOST__: HostInfo;

declare global {
  interface Window {
    /** the host's versions: Grafana's packages as bundled, React as running */
    kubeglanceHost?: HostInfo & { reactVersion: string };
    define?: unknown;
    /** every request the plugins made through backendSrv, for debugging in the console */
    kubeglanceRequests?: RequestLogEntry[];
  }
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`${url}: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as T;
}

async function start(root: HTMLElement) {
  const loader = createAmdLoader();
  for (const [name, value] of Object.entries(SHARED_MODULES)) {
    loader.provide(name, value);
  }
  // installed only now: the bundled libraries' own UMD checks ran before and did not see it
  window.define = loader.define;

  const requests: RequestLogEntry[] = [];
  window.kubeglanceRequests = requests;
  setBackendSrv(createBackendSrv(requests));
  setTemplateSrv(createTemplateSrv({ namespace: 'shop' }));

  const [list, dataSource, logsPod] = await Promise.all([
    getJson<DistPluginInfo[]>('/api/playground/plugins'),
    getJson<ServerDataSource>('/api/playground/datasource'),
    getJson<LogsPod>('/api/playground/logs-pod'),
  ]);
  const plugins = await loadPlugins(loader, list);
  const bench = new URLSearchParams(window.location.search).has('bench');
  const host = { ...__KUBEGLANCE_HOST__, reactVersion: React.version };
  window.kubeglanceHost = host;
  createRoot(root).render(
    <App plugins={plugins} dataSource={dataSource} logsPod={logsPod} bench={bench} host={host} />
  );
}

const root = document.getElementById('playground-root')!;
start(root).catch((err: unknown) => {
  root.setAttribute('data-testid', PLAYGROUND_TEST_IDS.loadError);
  root.textContent = `The playground could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  console.error(err);
});
