import type { SecureContextOptions } from 'tls';

import type { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';

export interface UpstreamTls extends Pick<SecureContextOptions, 'ca' | 'cert' | 'key'> {
  rejectUnauthorized: boolean;
  servername?: string;
}

/**
 * The TLS settings Grafana's data proxy applies to every request of a data source
 * (pkg/services/datasources/service/datasource.go dsTLSOptions): skip-verify and server name always,
 * the CA only with tlsAuthWithCACert, the client certificate only with tlsAuth; empty values are ignored.
 */
export function upstreamTls(jsonData: KubeDataSourceOptions, secure: KubeSecureJsonData): UpstreamTls {
  const tls: UpstreamTls = { rejectUnauthorized: jsonData.tlsSkipVerify !== true };
  if (jsonData.serverName) {
    tls.servername = jsonData.serverName;
  }
  if (jsonData.tlsAuthWithCACert && secure.tlsCACert) {
    tls.ca = secure.tlsCACert;
  }
  if (jsonData.tlsAuth) {
    if (secure.tlsClientCert) {
      tls.cert = secure.tlsClientCert;
    }
    if (secure.tlsClientKey) {
      tls.key = secure.tlsClientKey;
    }
  }
  return tls;
}
