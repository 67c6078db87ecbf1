/** @jest-environment node */
import crypto from 'crypto';
import { KubeSim, ManualClock, manualClock, startKubeSim } from '../index';
import { simGet, simPost } from './client';

const ISSUER = 'https://idp.example.com/realms/ops';
let clock: ManualClock;
let sim: KubeSim;
let emailSim: KubeSim;
beforeAll(async () => {
  clock = manualClock(Date.UTC(2025, 0, 1));
  // as --oidc-issuer-url=ISSUER --oidc-client-id=kubeglance (plus a second audience, as jwt[].issuer.audiences)
  sim = await startKubeSim({
    nodes: 2,
    podsPerNode: 2,
    clock,
    oidc: { issuer: ISSUER, audiences: ['kubeglance', 'grafana'] },
  });
  emailSim = await startKubeSim({
    nodes: 2,
    podsPerNode: 2,
    clock,
    oidc: { issuer: ISSUER, audiences: ['kubeglance'], usernameClaim: 'email', usernamePrefix: 'oidc:' },
  });
});
afterAll(() => Promise.all([sim.stop(), emailSim.stop()]));
afterEach(() => {
  sim.faults.reset();
  emailSim.faults.reset();
});

const nodes = (s: KubeSim, opts: { token?: string; headers?: Record<string, string> }) =>
  simGet(`${s.url}/api/v1/nodes`, opts);

async function whoCanListPods(s: KubeSim, token: string): Promise<string> {
  const r = await simPost(
    `${s.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
    { spec: { resourceAttributes: { verb: 'list', resource: 'pods' } } },
    { token }
  );
  return JSON.parse(r.body).status.reason;
}

describe('OIDC (JWT) bearer tokens', () => {
  // oidc.go AuthenticateToken; the legacy --oidc-username-prefix default prefixes non-email claims with "<issuer>#"
  it('authenticates a valid ID token as <issuer>#<sub>, and reviews answer for that user', async () => {
    const token = sim.oidc!.token({ sub: 'alice' });
    expect((await nodes(sim, { token })).status).toBe(200);
    expect(await whoCanListPods(sim, token)).toBe(
      `RBAC: allowed by ClusterRoleBinding "kubeglance-read" of ClusterRole "kubeglance-read" to User "${ISSUER}#alice"`
    );
  });

  it('accepts a JWT access token whose aud array holds any configured audience (MatchAny)', async () => {
    const token = sim.oidc!.token({ sub: 'svc', aud: ['https://other.example', 'grafana'] });
    expect((await nodes(sim, { token })).status).toBe(200);
  });

  it('keeps accepting the static token', async () => {
    expect((await nodes(sim, { token: sim.token })).status).toBe(200);
  });

  // go-oidc verifier: audience, expiry (no leeway), nbf (5 min leeway), alg allow-list (RS256), signature
  it.each([
    ['a wrong audience', () => sim.oidc!.token({ sub: 'a', aud: 'someone-else' }), /expected audience/],
    ['no exp', () => sim.oidc!.sign({ iss: ISSUER, aud: 'kubeglance', sub: 'a' }), /token is expired/],
    [
      'an nbf more than 5 minutes ahead',
      () => sim.oidc!.token({ sub: 'a', nbf: Math.floor(clock() / 1000) + 301 }),
      /before the nbf/,
    ],
    [
      'an HS256 header',
      () => sim.oidc!.sign({ iss: ISSUER, aud: 'kubeglance', exp: 2e9 }, { alg: 'HS256' }),
      /unsupported algorithm/,
    ],
    [
      'a tampered payload',
      () => {
        const [h, , s] = sim.oidc!.token({ sub: 'alice' }).split('.');
        const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: 'kubeglance', sub: 'admin', exp: 2e9 })).toString(
          'base64url'
        );
        return `${h}.${forged}.${s}`;
      },
      /verify signature/,
    ],
    ['no username claim', () => sim.oidc!.token({}), /claim not present/],
  ])('rejects a token with %s (401)', async (_what, make, why) => {
    const r = await nodes(sim, { token: make() });
    expect([r.status, JSON.parse(r.body).reason]).toEqual([401, 'Unauthorized']);
    expect(sim.faults.requests.at(-1)?.authError).toMatch(why);
  });

  it('rejects a token once the sim clock passes exp', async () => {
    const token = sim.oidc!.token({ sub: 'alice', exp: Math.floor(clock() / 1000) + 60 });
    expect((await nodes(sim, { token })).status).toBe(200);
    clock.advance(61_000);
    expect((await nodes(sim, { token })).status).toBe(401);
  });

  it('accepts an nbf up to 5 minutes ahead', async () => {
    const token = sim.oidc!.token({ sub: 'alice', nbf: Math.floor(clock() / 1000) + 299 });
    expect((await nodes(sim, { token })).status).toBe(200);
  });

  // hasCorrectIssuer: another issuer's JWT is not the OIDC authenticator's; nobody else accepts it either
  it('rejects a JWT from another issuer, an opaque access token, and a bad bearer even on /version', async () => {
    const other = sim.oidc!.token({ sub: 'alice', iss: 'https://evil.example' });
    expect((await nodes(sim, { token: other })).status).toBe(401);
    expect((await nodes(sim, { token: 'ya29.a0AfH6SMBopaque-access-token' })).status).toBe(401);
    expect((await simGet(`${sim.url}/version`, { token: other })).status).toBe(401);
  });

  // kube-apiserver authenticates only the Authorization header; X-ID-Token (Grafana's forwarded ID token)
  // is never read, so an opaque access token beside a valid ID token is still a 401
  it('ignores X-ID-Token, but logs it', async () => {
    const idToken = sim.oidc!.token({ sub: 'alice' });
    const r = await nodes(sim, { token: 'opaque-access-token', headers: { 'X-ID-Token': idToken } });
    expect(r.status).toBe(401);
    expect((await nodes(sim, { headers: { 'X-ID-Token': idToken } })).status).toBe(401);
    expect(sim.faults.requests.at(-1)?.headers).toEqual({ 'x-id-token': idToken });
  });

  // email as the username claim: email_verified must be true when present (oidc.go getUsername)
  it('maps the email claim with the configured prefix, and refuses an unverified email', async () => {
    const ok = emailSim.oidc!.token({ sub: '1234', email: 'alice@example.com', email_verified: true });
    expect(await whoCanListPods(emailSim, ok)).toMatch(/to User "oidc:alice@example.com"$/);
    const unverified = emailSim.oidc!.token({ sub: '1234', email: 'alice@example.com', email_verified: false });
    expect((await nodes(emailSim, { token: unverified })).status).toBe(401);
    expect(emailSim.faults.requests.at(-1)?.authError).toBe('oidc: email not verified');
  });

  it('publishes the verification key as a JWKS with the kid it signs with', () => {
    const token = sim.oidc!.token({ sub: 'alice' });
    const [h, p, s] = token.split('.');
    const jwk = sim.oidc!.jwks().keys[0];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' });
    const key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
    expect(crypto.verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);
  });
});
