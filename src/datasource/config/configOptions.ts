import type { DataSourceSettings } from '@grafana/data';

import { MAX_FAN_OUT_CONCURRENCY } from '../kube/limits';
import {
  type AuthMethod,
  type KubeDataSourceOptions,
  type KubeSecureJsonData,
  MIN_POLL_INTERVAL_SECONDS,
} from '../types';
import { MAX_HISTORY_MINUTES } from './samplerSettings';

/** Pure updates of the data-source settings; the config editor's sections only wire these to inputs. */

export type KubeSettings = DataSourceSettings<KubeDataSourceOptions, KubeSecureJsonData>;

/** What every section of the config editor receives. */
export interface SettingsSectionProps {
  options: KubeSettings;
  onOptionsChange: (options: KubeSettings) => void;
}

export const MIN_FAN_OUT_CONCURRENCY = 1;

export const AUTH_METHODS: ReadonlyArray<{ value: AuthMethod; label: string; description: string }> = [
  {
    value: 'token',
    label: 'Service-account token',
    description: 'A bearer token, usually from a service account bound to the Kubeglance roles',
  },
  {
    value: 'clientCert',
    label: 'Client certificate',
    description: 'A client certificate and key that the API server accepts (mutual TLS)',
  },
  {
    value: 'oauth',
    label: 'Forward OAuth identity',
    description: "Send the signed-in user's OAuth token to the API server",
  },
];

/** Settings saved before authMethod existed still carry the flags; read them so the editor shows the truth. */
export function authMethodOf(jsonData: KubeDataSourceOptions): AuthMethod {
  if (jsonData.authMethod) {
    return jsonData.authMethod;
  }
  if (jsonData.oauthPassThru) {
    return 'oauth';
  }
  return jsonData.tlsAuth ? 'clientCert' : 'token';
}

/** Grafana's proxy acts on tlsAuth and oauthPassThru, so they must always agree with the chosen method. */
export function withAuthMethod(options: KubeSettings, method: AuthMethod): KubeSettings {
  return {
    ...options,
    jsonData: {
      ...options.jsonData,
      authMethod: method,
      tlsAuth: method === 'clientCert',
      oauthPassThru: method === 'oauth',
    },
  };
}

export function withJsonData<K extends keyof KubeDataSourceOptions>(
  options: KubeSettings,
  key: K,
  value: KubeDataSourceOptions[K]
): KubeSettings {
  return { ...options, jsonData: { ...options.jsonData, [key]: value } };
}

export function withSecret(options: KubeSettings, key: keyof KubeSecureJsonData, value: string): KubeSettings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** Forget a stored secret: Grafana deletes it on save when the field is no longer marked as set and is empty. */
export function withSecretReset(options: KubeSettings, key: keyof KubeSecureJsonData): KubeSettings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

/** An empty number input means "use the default", so it maps to undefined rather than 0. */
export function parseNumberInput(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** A message for a whole number outside [min, max], or undefined when the value is fine or unset. */
export function rangeError(value: number | undefined, min: number, max?: number): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Number.isInteger(value)) {
    return 'Enter a whole number.';
  }
  if (value < min) {
    return `Must be at least ${min}.`;
  }
  if (max !== undefined && value > max) {
    return `Must be at most ${max}.`;
  }
  return undefined;
}

export function pollIntervalError(value: number | undefined): string | undefined {
  return rangeError(value, MIN_POLL_INTERVAL_SECONDS);
}

export function fanOutConcurrencyError(value: number | undefined): string | undefined {
  return rangeError(value, MIN_FAN_OUT_CONCURRENCY, MAX_FAN_OUT_CONCURRENCY);
}

export function historyMinutesError(value: number | undefined): string | undefined {
  return rangeError(value, 1, MAX_HISTORY_MINUTES);
}
