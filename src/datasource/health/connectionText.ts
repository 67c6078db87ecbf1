import { describeKubeError, type KubeError } from '../kube/errors';
import { authMethodOf } from '../config/configOptions';
import type { SavedSettings } from './settingsCheck';

function hostOf(url: string | undefined): { host: string; port: string; https: boolean } | undefined {
  try {
    const u = new URL(url ?? '');
    return {
      host: u.hostname,
      port: u.port || (u.protocol === 'https:' ? '443' : '80'),
      https: u.protocol === 'https:',
    };
  } catch {
    return undefined;
  }
}

/**
 * Why the API server could not be reached, as far as the browser can know. Grafana's proxy answers a name
 * that does not resolve, a refused connection and a failed TLS handshake alike, with an empty 502
 * (pkg/util/proxyutil/reverse_proxy.go, errorHandler): so the text names the three, with the check for each
 * that the settings make likely, and where Grafana logs the exact error.
 */
export function unreachableText(err: KubeError, saved: SavedSettings | undefined): string {
  const target = hostOf(saved?.url);
  const where = target ? `${target.host}:${target.port}` : 'the API server';
  if (err.status === 504) {
    return `API server: ${where} did not answer within Grafana's data proxy timeout (504). Check that a firewall does not drop the connection, or raise [dataproxy] timeout in grafana.ini.`;
  }
  if (err.kind === 'timeout') {
    return `API server: ${describeKubeError(err)}`;
  }
  if (err.status === 400 && err.kind === 'badRequest') {
    return `API server: ${describeKubeError(err)}`;
  }
  if (err.kind === 'malformed' || err.kind === 'notFound') {
    return `API server: the URL answers, but not as a Kubernetes API server (${err.message}). Use the server line of a kubeconfig, not a dashboard or an ingress.`;
  }
  if (err.status !== 502) {
    return `API server: ${describeKubeError(err)}`;
  }
  const json = saved?.jsonData ?? {};
  const hints = [
    `that ${target?.host ?? 'its host name'} resolves from the Grafana server (not only from your browser)`,
    target ? `that port ${target.port} is open from there` : 'that its port is open from there',
  ];
  if (target?.https && !json.tlsSkipVerify && !json.tlsAuthWithCACert) {
    hints.push(
      "that Grafana trusts the API server's certificate: clusters sign it with their own CA, so add the CA certificate (certificate-authority-data of a kubeconfig, decoded) under TLS"
    );
  } else if (target?.https && json.serverName) {
    hints.push(`that the certificate is issued for "${json.serverName}" (the TLS server name you set)`);
  } else if (target?.https) {
    hints.push(`that the certificate names ${target.host} and is signed by the CA you gave`);
  }
  return `API server: Grafana could not connect to ${where}. Its proxy answers 502 without a reason for a name that does not resolve, a refused connection and a TLS failure alike; Grafana's server log (logger=data-proxy-log) has the exact error. Check ${hints.join('; ')}.`;
}

/** Why the API server refused the credentials, told apart by what the settings say was sent. */
export function rejectedText(err: KubeError, saved: SavedSettings | undefined): string {
  const json = saved?.jsonData ?? {};
  const method = authMethodOf(json);
  if (method === 'oauth') {
    return 'Credentials: the API server rejected your OAuth access token (401). Grafana forwards the access token as Authorization (and the ID token only as X-ID-Token, which Kubernetes ignores), so the API server must accept your identity provider\'s access tokens: they must be JWTs from an issuer and audience in its authentication configuration. See docs/configuration.md, "Forward OAuth identity".';
  }
  if (method === 'clientCert') {
    return "Credentials: the API server rejected the client certificate (401): it has expired, or it is not signed by the cluster's client CA. Take client-certificate-data and client-key-data from a current kubeconfig.";
  }
  if (saved?.secureJsonFields && !saved.secureJsonFields.token) {
    return 'Credentials: no token is set, and the API server does not allow anonymous requests (401). Paste a service-account token under Authentication.';
  }
  return `Credentials: the API server rejected the token (401). It may have expired (kubectl create token makes tokens that expire), belong to another cluster, or its service account was deleted. Create a new one: kubectl -n kubeglance create token kubeglance --duration=8760h. (${err.message})`;
}
