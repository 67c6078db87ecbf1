/**
 * Authentication in kube-apiserver's order (its union authenticator): the x509 client-certificate
 * authenticator first, then the bearer-token authenticators (the static token, and the JWT
 * authenticator when oidc is configured), then anonymous for the public paths.
 */
import type { IncomingMessage } from 'http';
import type { TLSSocket } from 'tls';
import type { SimOidc } from './oidc';

export const SERVICE_ACCOUNT_USER = 'system:serviceaccount:kubeglance:kubeglance';

/** paths anonymous users may read, as system:public-info-viewer allows */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export type Auth = { ok: true; user: string } | { ok: false; reason: string };

export interface AuthConfig {
  token: string;
  oidc?: SimOidc;
}

/**
 * A certificate signed by the CA wins even next to a bad token (union: first success). Otherwise a
 * presented bearer must be the static token or a JWT the oidc authenticator accepts; anything else
 * (an opaque OAuth access token, a JWT for another audience, an expired one) is a 401, even on the
 * public paths. An empty bearer ("Bearer ") counts as no token.
 *
 * X-ID-Token is never read: kube-apiserver's bearer-token authenticator looks only at the
 * Authorization header, and no authenticator reads X-ID-Token (it is what Grafana's "Forward OAuth
 * identity" adds next to `Authorization: Bearer <access token>`). A client that forwards an opaque
 * access token with a valid ID token beside it therefore gets a 401 from a real cluster, and here.
 */
export function authenticate(req: IncomingMessage, cfg: AuthConfig, path: string): Auth {
  const sock = req.socket as Partial<TLSSocket>;
  if (sock.encrypted && sock.authorized) {
    const cn = sock.getPeerCertificate?.()?.subject?.CN;
    if (cn) {
      return { ok: true, user: Array.isArray(cn) ? cn[0] : cn };
    }
  }
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s*(.*)$/i.exec(header) : null;
  const presented = m ? m[1].trim() : '';
  if (presented) {
    if (presented === cfg.token) {
      return { ok: true, user: SERVICE_ACCOUNT_USER };
    }
    const verdict = cfg.oidc?.verify(presented);
    if (verdict?.kind === 'user') {
      return { ok: true, user: verdict.user };
    }
    return { ok: false, reason: verdict?.kind === 'error' ? verdict.error : 'invalid bearer token' };
  }
  return PUBLIC_PATHS.has(path)
    ? { ok: true, user: 'system:anonymous' }
    : { ok: false, reason: header ? 'unsupported Authorization scheme' : 'no credentials' };
}
