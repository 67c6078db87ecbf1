/**
 * The Grafana versions the playground can host the built plugins in. Grafana shares one React and one copy of
 * each @grafana package with every plugin, so a host is a set of those packages: the versions the plugins are
 * built against (Grafana 13, React 19), or the oldest Grafana the plugins support (12.4, React 18), installed
 * beside them under npm aliases (package.json: grafana-*-12, react-18, react-dom-18).
 */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');

export type HostId = 'grafana-13' | 'grafana-12';

export interface Host {
  id: HostId;
  /** the package each shared module is taken from, when it is not the one of the same name */
  packages: Readonly<Record<string, string>>;
}

const GRAFANA_PACKAGES = ['data', 'ui', 'runtime', 'schema', 'i18n'] as const;

export const HOSTS: Readonly<Record<HostId, Host>> = {
  'grafana-13': { id: 'grafana-13', packages: {} },
  'grafana-12': {
    id: 'grafana-12',
    packages: {
      ...Object.fromEntries(GRAFANA_PACKAGES.map((p) => [`@grafana/${p}`, `grafana-${p}-12`])),
      react: 'react-18',
      'react-dom': 'react-dom-18',
    },
  },
};

export const HOST_IDS = Object.keys(HOSTS) as HostId[];
export const DEFAULT_HOST: HostId = 'grafana-13';

export function isHostId(id: string): id is HostId {
  return id in HOSTS;
}

/** The installed package a host takes `name` from. */
export function hostPackage(host: Host, name: string): string {
  return host.packages[name] ?? name;
}

/** The installed version of the package a host takes `name` from. */
export function hostPackageVersion(host: Host, name: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', hostPackage(host, name), 'package.json'), 'utf8'));
  return pkg.version as string;
}

export interface HostVersions {
  id: HostId;
  grafana: string;
  react: string;
  /** e.g. "grafana-13.2.3 react-19.2.9" */
  label: string;
}

export function hostVersions(id: HostId): HostVersions {
  const host = HOSTS[id];
  const grafana = hostPackageVersion(host, '@grafana/ui');
  const react = hostPackageVersion(host, 'react');
  return { id, grafana, react, label: `grafana-${grafana} react-${react}` };
}

/**
 * An import specifier rewritten to the host's package: `react-dom/client` becomes `react-dom-18/client` in
 * the Grafana 12 host. Undefined when the host takes the specifier as it is.
 */
export function rewriteSpecifier(host: Host, specifier: string): string | undefined {
  for (const [name, target] of Object.entries(host.packages)) {
    if (specifier === name || specifier.startsWith(`${name}/`)) {
      return target + specifier.slice(name.length);
    }
  }
  return undefined;
}
