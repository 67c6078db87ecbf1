import type { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';

/** The one data source the playground hosts, as Grafana stores it: secrets stay on the server. */
export interface StoredDataSource {
  uid: string;
  name: string;
  /** the API server URL the proxy forwards to */
  url: string;
  jsonData: KubeDataSourceOptions;
  secureJsonData: KubeSecureJsonData;
}

/** What the browser gets, like Grafana's settings API: which secrets are set, never their values. */
export interface BrowserDataSource {
  uid: string;
  name: string;
  url: string;
  jsonData: KubeDataSourceOptions;
  secureJsonFields: Record<string, boolean>;
}

/** A save from the config editor: secrets present in the body replace the stored ones; '' clears one. */
export interface DataSourceUpdate {
  url?: string;
  jsonData?: KubeDataSourceOptions;
  secureJsonData?: Record<string, string | undefined>;
}

export function toBrowser(ds: StoredDataSource): BrowserDataSource {
  const secureJsonFields: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(ds.secureJsonData)) {
    if (value) {
      secureJsonFields[key] = true;
    }
  }
  return { uid: ds.uid, name: ds.name, url: ds.url, jsonData: { ...ds.jsonData }, secureJsonFields };
}

export function applyUpdate(ds: StoredDataSource, update: DataSourceUpdate): StoredDataSource {
  const secure: Record<string, string | undefined> = { ...ds.secureJsonData };
  for (const [key, value] of Object.entries(update.secureJsonData ?? {})) {
    if (typeof value !== 'string') {
      continue;
    }
    if (value === '') {
      delete secure[key];
    } else {
      secure[key] = value;
    }
  }
  return {
    ...ds,
    url: typeof update.url === 'string' ? update.url : ds.url,
    jsonData: update.jsonData ? { ...update.jsonData } : ds.jsonData,
    secureJsonData: secure as KubeSecureJsonData,
  };
}
