/**
 * The sim's OIDC issuer and kube-apiserver's JWT authenticator (--oidc-issuer-url/--oidc-client-id, or
 * AuthenticationConfiguration jwt[].issuer.{url,audiences} with claimMappings.username). Tests mint ID
 * tokens and JWT access tokens with sign()/token(); verify() is what the server does with a bearer.
 *
 * Modelled on staging/src/k8s.io/apiserver/plugin/pkg/authenticator/token/oidc/oidc.go and go-oidc's
 * verifier: a token whose untrusted `iss` is not the issuer is not this authenticator's business (the
 * other token authenticators get it, and then the request is a 401); one that is must have an RS256
 * signature by the issuer's key, an `aud` among the audiences, an `exp` not in the past and an `nbf`
 * no more than 5 minutes ahead, or it is rejected (401, the reason is only logged).
 */
import crypto, { KeyObject } from 'crypto';

export interface OidcOptions {
  /** the issuer URL; tokens must carry exactly this `iss` */
  issuer: string;
  /** accepted `aud` values (MatchAny, as audienceMatchPolicy) */
  audiences: string[];
  /** the claim that names the user (default 'sub') */
  usernameClaim?: string;
  /**
   * prepended to the claim. When unset, as --oidc-username-prefix: `<issuer>#` unless the claim is
   * `email`; '' or '-' means no prefix.
   */
  usernamePrefix?: string;
}

export type JwtVerdict =
  /** not a compact JWT, or not from this issuer: other authenticators decide (the static token) */
  | { kind: 'not-mine' }
  | { kind: 'user'; user: string }
  /** rejected; kube-apiserver logs the reason and answers 401 */
  | { kind: 'error'; error: string };

export interface SimOidc {
  readonly issuer: string;
  readonly audiences: readonly string[];
  /** key id in every header sign() writes, and in jwks() */
  readonly kid: string;
  readonly publicKeyPem: string;
  /** what the issuer's jwks_uri would serve */
  jwks(): { keys: Array<Record<string, unknown>> };
  /** an RS256 compact JWS over exactly these claims; header entries override { alg, kid, typ } */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
  /** a valid token by default: iss, aud (the first audience), iat and exp (an hour after the sim's now), then claims */
  token(claims?: Record<string, unknown>): string;
  /** the JWT authenticator's verdict on a bearer token at the sim's now */
  verify(token: string): JwtVerdict;
}

/** go-oidc accepts an nbf up to this far in the future */
const NBF_LEEWAY_MS = 5 * 60 * 1000;

let sharedKey: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/** RSA generation costs ~100 ms; one key per process is enough for tests */
function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  sharedKey ??= crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return sharedKey;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function decodeJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) {
    throw new Error('illegal base64 data');
  }
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

type Claims = Record<string, unknown>;

/** oidc.go untrustedIssuer: the claims of something shaped like a compact JWT, unverified */
function untrustedClaims(token: string): Claims | undefined {
  if (token.trim().startsWith('{')) {
    return undefined;
  }
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  try {
    const c = decodeJson(parts[1]);
    return c && typeof c === 'object' && !Array.isArray(c) ? (c as Claims) : undefined;
  } catch {
    return undefined;
  }
}

function goTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000 UTC');
}

/** the username prefix kube-apiserver applies (pkg/kubeapiserver/options/authentication.go for the flags) */
export function effectivePrefix(o: OidcOptions): string {
  const claim = o.usernameClaim ?? 'sub';
  if (o.usernamePrefix === undefined) {
    return claim === 'email' ? '' : `${o.issuer}#`;
  }
  return o.usernamePrefix === '-' ? '' : o.usernamePrefix;
}

export function createOidc(opts: OidcOptions, clock: () => number): SimOidc {
  if (!opts.issuer || opts.audiences.length === 0) {
    throw new Error('oidc needs an issuer and at least one audience');
  }
  const { privateKey, publicKey } = keyPair();
  const jwk = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint as key id, so it is stable for the key
  const kid = b64url(
    crypto
      .createHash('sha256')
      .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
      .digest()
  );
  const usernameClaim = opts.usernameClaim ?? 'sub';
  const prefix = effectivePrefix(opts);
  const audiences = [...opts.audiences];

  const sign = (claims: Claims, header: Claims = {}): string => {
    const input = `${b64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT', ...header }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(crypto.sign('sha256', Buffer.from(input), privateKey))}`;
  };

  const verify = (token: string): JwtVerdict => {
    const claims = untrustedClaims(token);
    if (!claims || claims.iss !== opts.issuer) {
      return { kind: 'not-mine' };
    }
    const fail = (error: string): JwtVerdict => ({ kind: 'error', error: `oidc: verify token: ${error}` });
    const [h, p, sig] = token.split('.');
    let header: Claims;
    try {
      header = decodeJson(h) as Claims;
    } catch (e) {
      return fail(`oidc: malformed jwt: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (header?.alg !== 'RS256') {
      return fail(`oidc: id token signed with unsupported algorithm, expected ["RS256"] got "${String(header?.alg)}"`);
    }
    const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    if (!aud.some((a) => audiences.includes(a as string))) {
      return fail(`oidc: expected audience in ${JSON.stringify(audiences)} got ${JSON.stringify(aud)}`);
    }
    const now = clock();
    // go-oidc: a missing exp is the zero time, which is in the past
    const expMs = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
    if (expMs < now) {
      return fail(`oidc: token is expired (Token Expiry: ${goTime(expMs)})`);
    }
    if (typeof claims.nbf === 'number' && now + NBF_LEEWAY_MS < claims.nbf * 1000) {
      return fail(`oidc: current time ${goTime(now)} before the nbf (not before) time: ${goTime(claims.nbf * 1000)}`);
    }
    const kidOk = header.kid === undefined || header.kid === kid;
    let sigOk = false;
    try {
      sigOk = kidOk && crypto.verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'));
    } catch {
      sigOk = false;
    }
    if (!sigOk) {
      return fail('failed to verify signature: failed to verify id token signature');
    }
    const name = claims[usernameClaim];
    if (name === undefined) {
      return { kind: 'error', error: `oidc: parse username claims "${usernameClaim}": claim not present` };
    }
    if (typeof name !== 'string') {
      return {
        kind: 'error',
        error: `oidc: parse username claims "${usernameClaim}": json: cannot unmarshal ${typeof name} into Go value of type string`,
      };
    }
    // OIDC core: an email is usable only when email_verified, if present, is true
    if (usernameClaim === 'email' && 'email_verified' in claims && claims.email_verified !== true) {
      return { kind: 'error', error: 'oidc: email not verified' };
    }
    return { kind: 'user', user: `${prefix}${name}` };
  };

  return {
    issuer: opts.issuer,
    audiences,
    kid,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwks: () => ({ keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] }),
    sign,
    token: (claims = {}) => {
      const iat = Math.floor(clock() / 1000);
      return sign({ iss: opts.issuer, aud: audiences[0], iat, exp: iat + 3600, ...claims });
    },
    verify,
  };
}
