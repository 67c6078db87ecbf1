/** @jest-environment node */
import type { FetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { KubeSim, startKubeSim } from '../kube-sim';
import { createProxyHarness, HarnessOptions, HarnessUser, ProxyHarness } from './index';

/*
 * The write hole, closed: through Grafana's data-source proxy (pkg/api/pluginproxy/ds_proxy.go validateRequest
 * and hasAccessToRoute, ds_auth_provider.go ApplyRoute; Grafana 12.4 and 13) no method but GET reaches the
 * cluster, except the two access-review POSTs for a user holding datasources:write. Every attempt goes to a real
 * kube-sim, which logs every request it receives. See docs/rbac.md, "The write hole".
 */

const PLUGIN_ACTION = 'kubeglance-kubernetes-datasource.proxy:write';
const DENIED_BODY = '{"message":"plugin proxy route access denied"}';
const REVIEWS = [
  'apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
  'apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
];
// `patch`: the Fetch standard upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT only
const METHODS = ['POST', 'PUT', 'PATCH', 'patch', 'DELETE', 'HEAD', 'OPTIONS', 'FOO'];
const ROLES: Array<HarnessUser['role']> = ['Viewer', 'Editor', 'Admin'];
const DATA_SOURCES = ['token', 'client certificate', 'OAuth with a session', 'OAuth without a session'] as const;
type DataSourceKind = (typeof DATA_SOURCES)[number];

interface Names {
  pod: string;
  container: string;
  deployment: string;
  node: string;
}

/** Every write attempt: each method on each path, except the review POSTs, which are allowed for Admins. */
function writeAttempts(n: Names): Array<{ method: string; path: string }> {
  const paths = [
    'api/v1/namespaces/default/pods',
    `api/v1/namespaces/default/pods/${n.pod}`,
    `apis/apps/v1/namespaces/default/deployments/${n.deployment}`,
    `api/v1/namespaces/default/pods/${n.pod}/log`,
    `api/v1/nodes/${n.node}/proxy/stats/summary`,
    `api/v1/nodes/${n.node}/proxy/exec/default/${n.pod}/${n.container}?command=id`,
    'version',
    'healthz',
    'openapi/v2',
    './api/v1/pods',
    'x/../api/v1/pods',
    'api%2Fv1%2Fpods',
    // cleans to "%61pi/...", which no api route covers, yet the API server decodes it to /api/v1/...: only "/" stops it
    '%61pi/v1/namespaces/default/pods',
    '',
    ...REVIEWS,
  ];
  return METHODS.flatMap((method) =>
    paths.filter((p) => !(method === 'POST' && REVIEWS.includes(p))).map((path) => ({ method, path }))
  );
}

const PER_USER_AND_DATA_SOURCE = writeAttempts({ pod: 'p', container: 'c', deployment: 'd', node: 'n' }).length;
const N = PER_USER_AND_DATA_SOURCE * ROLES.length * DATA_SOURCES.length;

let sim: KubeSim;
let certSim: KubeSim;
let names: Names;

beforeAll(async () => {
  sim = await startKubeSim({ nodes: 2, podsPerNode: 2 });
  certSim = await startKubeSim({ nodes: 2, podsPerNode: 2, clientCertAuth: true });
  const pod = sim.cluster.pods.find((p) => p.namespace === 'default')!;
  names = {
    pod: pod.name,
    container: pod.containers[0].name,
    deployment: sim.cluster.workloads.find((w) => w.kind === 'Deployment' && w.namespace === 'default')!.name,
    node: sim.cluster.nodes[sim.cluster.nodes.length - 1].name,
  };
});

afterAll(async () => {
  await sim.stop();
  await certSim.stop();
});

function dataSource(kind: DataSourceKind): HarnessOptions {
  switch (kind) {
    case 'token':
      return { uid: 'token', url: sim.url, secureJsonData: { token: sim.token } };
    case 'client certificate':
      return {
        uid: 'cert',
        url: certSim.url,
        jsonData: { tlsAuth: true, tlsAuthWithCACert: true },
        secureJsonData: {
          tlsCACert: certSim.caCert,
          tlsClientCert: certSim.clientCert,
          tlsClientKey: certSim.clientKey,
        },
      };
    case 'OAuth with a session':
      // kube-sim accepts one token; here it stands for the user's OIDC token the API server would accept
      return { uid: 'oauth', url: sim.url, jsonData: { oauthPassThru: true }, oauth: { accessToken: sim.token } };
    case 'OAuth without a session':
      return { uid: 'oauth', url: sim.url, jsonData: { oauthPassThru: true }, oauth: null };
  }
}

/** What the browser would get for one request: status and body text; and what the harness sent upstream. */
async function ask(opts: HarnessOptions | ProxyHarness, method: string, path: string, data?: unknown) {
  const h = 'fetch' in opts ? opts : createProxyHarness(opts);
  try {
    const res = await lastValueFrom(h.fetch({ url: `${h.baseUrl}/${path}`, method, data, responseType: 'text' }));
    return { status: res.status, body: String(res.data), sent: h.requests };
  } catch (e) {
    const err = e as FetchError<{ response?: string }>;
    return { status: err.status, body: err.data.response ?? '', sent: h.requests };
  }
}

/** Runs one data source's part of the matrix; returns every attempt whose answer was not `expected`. */
async function runMatrix(
  kind: DataSourceKind,
  user: (role: HarnessUser['role']) => HarnessUser,
  expected: (method: string) => string
) {
  const wrong: string[] = [];
  const sentTo = new Set<string>();
  const before = sim.faults.requests.length + certSim.faults.requests.length;
  for (const role of ROLES) {
    const h = createProxyHarness({ ...dataSource(kind), user: user(role) });
    const answers = await Promise.all(
      writeAttempts(names).map(async ({ method, path }) => {
        const { status, body } = await ask(h, method, path, method === 'HEAD' ? undefined : { kind: 'Pod' });
        return { got: `${status} ${body}`, want: expected(method), what: `${role} ${method} /${path}` };
      })
    );
    wrong.push(...answers.filter((a) => a.got !== a.want).map((a) => `${a.what}: ${a.got}`));
    h.requests.forEach((r) => sentTo.add(new URL(r.url).host));
  }
  return { wrong, sentTo: [...sentTo], reached: sim.faults.requests.length + certSim.faults.requests.length - before };
}

const PER_DATA_SOURCE = PER_USER_AND_DATA_SOURCE * ROLES.length;

describe(`the write hole: 0 of ${2 * N} write attempts reach the cluster (${N} by Viewers, Editors and Admins, ${N} by the same users granted the plugin action)`, () => {
  it.each(DATA_SOURCES)(
    `0 of ${PER_DATA_SOURCE} write attempts (${METHODS.length} methods, Viewer/Editor/Admin) reach the cluster through the %s data source; each is 403 "plugin proxy route access denied"`,
    async (kind) => {
      const { wrong, sentTo, reached } = await runMatrix(
        kind,
        (role) => ({ role }),
        (method) => (method === 'HEAD' ? '403 ' : `403 ${DENIED_BODY}`)
      );
      expect(wrong).toEqual([]);
      expect(sentTo).toEqual([]);
      expect(reached).toBe(0);
    }
  );

  it.each(DATA_SOURCES)(
    `0 of ${PER_DATA_SOURCE} write attempts by users granted ${PLUGIN_ACTION} reach the cluster through the %s data source; each is an empty 502 (the .invalid refusal url)`,
    async (kind) => {
      const { wrong, sentTo, reached } = await runMatrix(
        kind,
        (role) => ({ role, permissions: [PLUGIN_ACTION] }),
        () => '502 '
      );
      expect(wrong).toEqual([]);
      expect(sentTo).toEqual(['writes-refused.kubeglance.invalid']);
      expect(reached).toBe(0);
    }
  );
});

describe('what still reaches the cluster (ds_proxy.go validateRequest + hasAccessToRoute)', () => {
  it.each(DATA_SOURCES)('the review POSTs reach the cluster for an Admin only (%s data source)', async (kind) => {
    const target = kind === 'client certificate' ? certSim : sim;
    const credential = kind === 'token' || kind === 'OAuth with a session' ? `Bearer ${sim.token}` : '';
    for (const path of REVIEWS) {
      for (const role of ['Viewer', 'Editor'] as const) {
        const { status, body, sent } = await ask({ ...dataSource(kind), user: { role } }, 'POST', path, {});
        expect(`${status} ${body}`).toBe(`403 ${DENIED_BODY}`);
        expect(sent).toHaveLength(0);
      }
      const before = target.faults.requests.length;
      await ask({ ...dataSource(kind), user: { role: 'Admin' } }, 'POST', path, { spec: {} });
      expect(target.faults.requests.slice(before)).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: `/${path}`,
          headers: expect.objectContaining({ authorization: credential }),
        }),
      ]);
    }
  });

  it.each(DATA_SOURCES)('every GET route reaches the cluster with the right Authorization (%s)', async (kind) => {
    const target = kind === 'client certificate' ? certSim : sim;
    const credential = kind === 'token' || kind === 'OAuth with a session' ? `Bearer ${sim.token}` : '';
    for (const role of ROLES) {
      for (const path of ['api/v1/namespaces', 'apis/apps/v1/deployments', 'version']) {
        const before = target.faults.requests.length;
        const { status } = await ask({ ...dataSource(kind), user: { role } }, 'GET', path);
        expect(target.faults.requests.slice(before)).toEqual([
          expect.objectContaining({
            method: 'GET',
            path: `/${path}`,
            headers: expect.objectContaining({ authorization: credential }),
          }),
        ]);
        // without any credential only /version is public: the API server's 401 reaches the browser as a 400
        expect(status).toBe(kind === 'OAuth without a session' && path !== 'version' ? 400 : 200);
      }
    }
  });
});
