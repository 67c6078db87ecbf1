/** @jest-environment jsdom */
import { createProxyHarness, type HarnessOptions } from '../../../tools/proxy-harness';
import { type KubeSim, type KubeSimOptions, startKubeSim } from '../../../tools/kube-sim';
import { KubeDataSource } from '../datasource';
import type { KubeDataSourceOptions, KubeSecureJsonData } from '../types';
import { describePermission, KUBELET_PERMISSION, LOGS_PERMISSION, READ_PERMISSIONS } from './permissions';
import { type HealthProgress, subscribeHealthProgress } from '../config/healthProgress';
import type { SignedInUser } from './settingsCheck';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => {
    throw new Error('tests must go through the proxy harness');
  },
  getTemplateSrv: () => ({ replace: (s: string) => s }),
}));

const sims: KubeSim[] = [];
async function sim(opts: KubeSimOptions = {}): Promise<KubeSim> {
  const s = await startKubeSim({ nodes: 3, podsPerNode: 2, seed: 5, ...opts });
  sims.push(s);
  return s;
}
let shared: KubeSim;
beforeAll(async () => {
  shared = await sim();
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()));
});
afterEach(() => {
  for (const s of sims) {
    s.faults.reset();
  }
});

interface Setup extends Partial<HarnessOptions> {
  /** what `/api/datasources/uid/<uid>` answers; default derived from the harness options; null = not allowed */
  saved?: { url?: string; jsonData?: KubeDataSourceOptions; secureJsonFields?: Record<string, boolean> } | null;
  signedIn?: SignedInUser;
}

/** A data source as Grafana builds it for Save & test: the harness's proxy, the saved settings, the user. */
function dataSource(target: KubeSim, setup: Setup = {}) {
  const { saved, signedIn, ...harnessOpts } = setup;
  const opts: HarnessOptions = {
    url: target.url,
    jsonData: {},
    secureJsonData: { token: target.token },
    ...harnessOpts,
  };
  const harness = createProxyHarness(opts);
  const secure: KubeSecureJsonData = opts.secureJsonData ?? {};
  const settings =
    saved === null
      ? undefined
      : (saved ?? {
          url: opts.url,
          jsonData: opts.jsonData,
          secureJsonFields: Object.fromEntries(Object.keys(secure).map((k) => [k, true])),
        });
  const ds = new KubeDataSource(harness.instanceSettings(), {
    fetch: harness.fetch,
    templateSrv: { replace: (s: string) => s },
    loadSettings: () => (settings ? Promise.resolve(settings) : Promise.reject(new Error('403'))),
    user: signedIn ?? { authenticatedBy: 'password' },
  });
  return { ds, harness };
}

const lines = (message: string) => message.split('\n');

describe('Save & test on a healthy cluster', () => {
  it('passes every check, says the version, and reads a log line', async () => {
    const { ds } = dataSource(shared, { jsonData: { kubeletAccess: true } });
    const r = await ds.testDatasource();
    expect(r.status).toBe('success');
    expect(lines(r.message)[0]).toMatch(/^Connected to Kubernetes v\d+\.\d+\.\d+: all 8 checks passed\.$/);
    expect(r.message).toMatch(/✓ Every permission the enabled features need is granted/);
    expect(r.message).toMatch(/✓ The identity can only read/);
    expect(r.message).toMatch(/✓ Logs readable \(a line from /);
    expect(r.message).toMatch(/✓ Kubelet reachable on 3 of 3 nodes\./);
  });

  it('shows each step as it starts, then clears', async () => {
    const { ds } = dataSource(shared, { jsonData: { kubeletAccess: true } });
    const seen: Array<HealthProgress | undefined> = [];
    const unsubscribe = subscribeHealthProgress(ds.uid, (p) => seen.push(p));
    await ds.testDatasource();
    unsubscribe();
    expect(seen.map((p) => p && `${p.index}/${p.total} ${p.title}`)).toEqual([
      '1/8 Reading the settings',
      '2/8 Reaching the API server',
      '3/8 Checking the credentials',
      '4/8 Asking the cluster what this identity may read',
      '5/8 Asking whether this identity can change the cluster',
      '6/8 Checking the metrics API',
      '7/8 Reading a log line',
      '8/8 Asking the kubelets',
      undefined,
    ]);
  });

  it('stays within the 5 requests Grafana runs at once', async () => {
    const { ds, harness } = dataSource(shared, { jsonData: { kubeletAccess: true } });
    await ds.testDatasource();
    expect(harness.fetchQueue.stats().maxConcurrent).toBeLessThanOrEqual(5);
  });
});

describe('Save & test names each missing permission with the manifest that grants it', () => {
  const all = [...READ_PERMISSIONS, LOGS_PERMISSION, KUBELET_PERMISSION];
  // the sim's deny rules speak kube-sim's resource names; metrics.k8s.io ones carry their group
  const denyName = (p: (typeof all)[number]) =>
    `${p.subresource ? `${p.resource}/${p.subresource}` : p.resource}${p.group === 'metrics.k8s.io' ? '.metrics.k8s.io' : ''}`;

  it.each(all.map((p) => [describePermission(p), p] as const))('%s', async (_name, p) => {
    shared.faults.deny(denyName(p), { verb: p.verb });
    const r = await dataSource(shared, { jsonData: { kubeletAccess: true } }).ds.testDatasource();
    expect(r.status).toBe('error');
    const line = lines(r.message).find((l) => l.startsWith('✗ Missing permissions'));
    expect(line).toContain(describePermission(p));
    expect(line).toContain(`provisioning/kubernetes/${p.grantedBy}`);
    // exactly one permission is reported missing
    expect(line?.match(/\b(list|get) [a-z0-9./]+/g)).toEqual([describePermission(p)]);
  });

  it('does not let a Viewer ask the cluster, and says why the step was skipped', async () => {
    const { ds } = dataSource(shared, { user: { role: 'Viewer' }, saved: null });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(/– Permissions: not asked; only users who may edit this data source/);
    expect(r.message).toMatch(/– Settings: not read/);
  });
});

describe('Save & test warns about an identity that can write', () => {
  it('names what a cluster-admin identity can do, and still reports the connection as working', async () => {
    const admin = await sim({ identity: 'cluster-admin' });
    const r = await dataSource(admin).ds.testDatasource();
    expect(r.status).toBe('warning');
    expect(lines(r.message)[0]).toMatch(/^Connected to Kubernetes .*, with a warning\.$/);
    expect(r.message).toMatch(/! This identity can change the cluster or read its secrets: it can \*/);
    expect(r.message).toMatch(/docs\/rbac\.md/);
  });
});

describe('Save & test tells connection failures apart', () => {
  it('an empty URL, before any request', async () => {
    const { ds, harness } = dataSource(shared, { saved: { url: '', jsonData: {}, secureJsonFields: { token: true } } });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(/✗ Settings: The API server URL is empty/);
    expect(harness.requests).toHaveLength(0);
  });

  it('a URL without a scheme', async () => {
    const { ds } = dataSource(shared, { saved: { url: 'kube.example:6443', secureJsonFields: { token: true } } });
    expect((await ds.testDatasource()).message).toMatch(/has no scheme.*https:\/\/kube\.example:6443/);
  });

  it('a name that does not resolve', async () => {
    const r = await dataSource(shared, { url: 'https://kubeglance-test.invalid:6443' }).ds.testDatasource();
    expect(r.message).toMatch(/✗ API server: Grafana could not connect to kubeglance-test\.invalid:6443/);
    expect(r.message).toMatch(/resolves from the Grafana server/);
    expect(r.message).toMatch(/logger=data-proxy-log/);
  });

  it('a refused connection', async () => {
    const r = await dataSource(shared, { url: 'http://127.0.0.1:1' }).ds.testDatasource();
    expect(r.message).toMatch(/Grafana could not connect to 127\.0\.0\.1:1\..*port 1 is open/);
    expect(r.message).not.toMatch(/CA certificate/);
  });

  describe('over TLS', () => {
    let tls: KubeSim;
    beforeAll(async () => {
      tls = await sim({ tls: true });
    });

    it('an API server certificate signed by a CA Grafana was not given', async () => {
      const r = await dataSource(tls).ds.testDatasource();
      expect(r.message).toMatch(/could not connect.*add the CA certificate/);
    });

    it('a certificate that does not name the server', async () => {
      const r = await dataSource(tls, {
        jsonData: { tlsAuthWithCACert: true, serverName: 'wrong.example' },
        secureJsonData: { token: tls.token, tlsCACert: tls.caCert },
      }).ds.testDatasource();
      expect(r.message).toMatch(/could not connect.*issued for "wrong\.example"/);
    });

    it('authenticates with a client certificate instead of a token', async () => {
      const certSim = await sim({ tls: true, clientCertAuth: true });
      const r = await dataSource(certSim, {
        jsonData: { authMethod: 'clientCert', tlsAuth: true, tlsAuthWithCACert: true },
        secureJsonData: {
          tlsCACert: certSim.caCert,
          tlsClientCert: certSim.clientCert,
          tlsClientKey: certSim.clientKey,
        },
      }).ds.testDatasource();
      expect(r.status).toBe('success');
    });

    it('passes with the CA', async () => {
      const r = await dataSource(tls, {
        jsonData: { tlsAuthWithCACert: true },
        secureJsonData: { token: tls.token, tlsCACert: tls.caCert },
      }).ds.testDatasource();
      expect(r.status).toBe('success');
    });
  });

  it("an API server that does not answer within Grafana's data proxy timeout", async () => {
    shared.faults.hang('/version');
    const r = await dataSource(shared, { upstreamTimeoutMs: 200 }).ds.testDatasource();
    expect(r.message).toMatch(
      /✗ API server: 127\.0\.0\.1:\d+ did not answer within Grafana's data proxy timeout \(504\)/
    );
  });

  it('no token set', async () => {
    const { ds, harness } = dataSource(shared, { secureJsonData: {} });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(/✗ Settings: No token is set\./);
    expect(harness.requests).toHaveLength(0);
  });

  it('no token set, seen by a user who may not read the settings: no "Bearer <no value>" reaches the cluster', async () => {
    const { ds, harness } = dataSource(shared, { secureJsonData: {}, saved: null });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(/✗ Credentials: the API server rejected the token \(401\)/);
    expect(harness.requests.every((q) => !q.headers.authorization)).toBe(true);
  });

  it('a token the API server rejects', async () => {
    const r = await dataSource(shared, { secureJsonData: { token: 'expired' } }).ds.testDatasource();
    expect(r.message).toMatch(/✓ API server reachable/);
    expect(r.message).toMatch(/✗ Credentials: the API server rejected the token \(401\)\. It may have expired/);
    expect(r.message).toMatch(/– Asking the cluster what this identity may read: not checked/);
  });
});

describe('Save & test with forwarded OAuth identities', () => {
  let oidc: KubeSim;
  const json = { authMethod: 'oauth' as const, oauthPassThru: true };
  beforeAll(async () => {
    oidc = await sim({ oidc: { issuer: 'https://idp.example', audiences: ['kubernetes'], usernameClaim: 'email' } });
  });

  it('says a user signed in without OAuth has nothing to forward, and sends nothing', async () => {
    const { ds, harness } = dataSource(oidc, { jsonData: json, secureJsonData: {}, oauth: null });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(
      /✗ Settings: This data source forwards each user's OAuth identity, but you signed in to Grafana with password/
    );
    expect(harness.requests).toHaveLength(0);
  });

  it('passes with a JWT access token the API server accepts', async () => {
    const accessToken = oidc.oidc!.token({ email: 'alice@example.com' });
    const { ds, harness } = dataSource(oidc, {
      jsonData: json,
      secureJsonData: {},
      oauth: { accessToken, idToken: 'id-token' },
      signedIn: { authenticatedBy: 'oauth_generic_oauth' },
    });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(/✓ Credentials accepted/);
    expect(harness.requests[0].headers.authorization).toBe(`Bearer ${accessToken}`);
  });

  it('explains an opaque access token the API server cannot validate', async () => {
    const { ds } = dataSource(oidc, {
      jsonData: json,
      secureJsonData: {},
      oauth: { accessToken: 'ya29.opaque-google-style', idToken: oidc.oidc!.token({ email: 'a@example.com' }) },
      signedIn: { authenticatedBy: 'oauth_google' },
    });
    const r = await ds.testDatasource();
    expect(r.message).toMatch(/✗ Credentials: the API server rejected your OAuth access token \(401\)/);
    expect(r.message).toMatch(/X-ID-Token, which Kubernetes ignores/);
  });
});
