import { checkApiServerUrl, type SettingProblem } from '../config/urlCheck';
import { authMethodOf } from '../config/configOptions';
import type { KubeDataSourceOptions } from '../types';

/**
 * The data source's saved settings as `/api/datasources/uid/<uid>` returns them to a user who may edit it:
 * the real URL (the browser otherwise sees only the proxy URL) and which secrets are set, never their values.
 */
export interface SavedSettings {
  url?: string;
  jsonData?: KubeDataSourceOptions;
  secureJsonFields?: Record<string, boolean>;
}

/** Who is signed in to Grafana, as far as the checks care (config.bootData.user.authenticatedBy). */
export interface SignedInUser {
  /** e.g. "oauth_generic_oauth", "password", "ldap", "authproxy", "apikey" */
  authenticatedBy?: string;
}

/** Grafana keeps a user's OAuth tokens only for a login through one of its OAuth providers. */
export function hasOAuthSession(user: SignedInUser | undefined): boolean | undefined {
  if (!user?.authenticatedBy) {
    return undefined;
  }
  return /^oauth/i.test(user.authenticatedBy);
}

const error = (message: string, remedy: string): SettingProblem => ({ severity: 'error', message, remedy });

/** What is wrong with the saved settings before any request is made. */
export function checkSettings(saved: SavedSettings, user: SignedInUser | undefined): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const url = checkApiServerUrl(saved.url);
  if (url) {
    problems.push(url);
  }
  const json = saved.jsonData ?? {};
  const secure = saved.secureJsonFields ?? {};
  const method = authMethodOf(json);
  if (method === 'token' && !secure.token) {
    problems.push(
      error(
        'No token is set.',
        'Paste a service-account token in Authentication > Token (kubectl -n kubeglance create token kubeglance), or choose another method.'
      )
    );
  }
  if (method === 'clientCert' && (!secure.tlsClientCert || !secure.tlsClientKey)) {
    problems.push(
      error(
        `Client-certificate authentication is chosen, but the ${!secure.tlsClientCert ? 'certificate' : 'key'} is not set.`,
        'Paste both the client certificate and its key (client-certificate-data and client-key-data of a kubeconfig, base64-decoded).'
      )
    );
  }
  if (method === 'clientCert' && !json.tlsAuth) {
    problems.push(
      error(
        'Client-certificate authentication is chosen, but Grafana is not told to present the certificate (tlsAuth is off).',
        'Choose the method again in the settings, or set jsonData.tlsAuth: true when provisioning.'
      )
    );
  }
  if (json.tlsAuthWithCACert && !secure.tlsCACert) {
    problems.push(
      error('"With CA certificate" is on, but no CA certificate is set.', 'Paste the cluster CA certificate.')
    );
  }
  if (method === 'oauth' && hasOAuthSession(user) === false) {
    problems.push(
      error(
        `This data source forwards each user's OAuth identity, but you signed in to Grafana with ${user?.authenticatedBy}, so Grafana has no OAuth token to forward.`,
        "Sign in through Grafana's OAuth provider (the one the API server trusts), or use a token for the data source."
      )
    );
  }
  return problems;
}
