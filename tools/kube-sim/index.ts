/**
 * kube-sim: a Kubernetes API server (plus metrics-server and kubelet endpoints through the node
 * proxy) over a synthetic cluster, for tests, benchmarks and the playground.
 */
import type { SimCluster } from './cluster/model';
import { Faults } from './faults/faults';
import { buildCluster } from './cluster/cluster';
import { generatePki, SimPki } from './server/certs';
import { startServer } from './server/server';
import { createOidc, OidcOptions, SimOidc } from './server/oidc';
import type { Identity } from './authz/rbac';
import { nodeGoesNotReady } from './cluster/nodeLifecycle';
import { normalizeMetricsVersions } from './api/discoveryResources';
import { type KubeVersion, DEFAULT_KUBE_VERSION, defaultMetricsVersions, parseKubeVersion } from './cluster/versions';
import { type Scenarios, parseScenarios } from './cluster/triageScenarios';

export interface KubeSimOptions {
  /** 0 = an ephemeral port (default 0) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  tls?: boolean;
  /** the bearer token to accept (default 'kubeglance-sim-token') */
  token?: string;
  /** default 3 */
  nodes?: number;
  /** default 8 */
  podsPerNode?: number;
  /** default 1 */
  seed?: number;
  /** ms since epoch; default Date.now. Tests pass a fake (see manualClock in clock.ts). */
  clock?: () => number;
  /** ask for client certificates and accept one signed by the sim's CA in place of a token; implies tls */
  clientCertAuth?: boolean;
  /** how often follow=true log streams check the clock for new lines, in real ms (default 250) */
  followPollMs?: number;
  /** waits out injected latency (default: a real timer) */
  sleep?: (ms: number) => Promise<void>;
  /** allow browsers on other origins (CORS) */
  cors?: boolean;
  /**
   * whose permissions the authorization reviews report (rbac.ts): 'reader' (default) may get/list/watch
   * what the sim serves and nothing else; 'cluster-admin' may do anything. faults.deny applies to both.
   */
  identity?: Identity;
  /**
   * the Kubernetes minor version played, '1.30' to '1.37' (default '1.37', versions.ts): /version, the
   * kubelets' versions, the pod fields that version has on by default, and metricsVersions' default
   */
  version?: KubeVersion;
  /**
   * the metrics.k8s.io versions metrics routes and discovery serve: ['v1beta1'] as metrics-server today,
   * ['v1'] only, or both (v1 preferred). Default: both from version 1.37, ['v1beta1'] before.
   */
  metricsVersions?: Array<'v1' | 'v1beta1'>;
  /**
   * the kubelets' KubeletPSI gate (psi and io in /stats/summary, PSI in /metrics/resource and cAdvisor's
   * pressure counters). Default: each kubelet's version decides, on from 1.34 (beta, on by default; GA 1.36)
   */
  psi?: boolean;
  /** metrics.k8s.io NodeMetrics and PodMetrics carry usage.swap on swap nodes (default false: metrics-server does not) */
  metricsSwap?: boolean;
  /** also accept JWT bearer tokens from this issuer, as kube-apiserver's OIDC/JWT authenticator (oidc.ts) */
  oidc?: OidcOptions;
  /**
   * what the cluster holds (cluster/triageScenarios.ts): 'default' (the generated cluster), 'healthy' (no
   * special pods, every workload's pods alike) or 'triage' (default plus the triage scenarios, whose
   * ground truth is `sim.cluster.triage`). Default 'default'.
   */
  scenarios?: Scenarios;
}

export interface KubeSim {
  url: string;
  token: string;
  cluster: SimCluster;
  faults: Faults;
  /** PEM of the CA that signed the server (and client) certificate, when tls */
  caCert?: string;
  /** PEM client certificate and key the server accepts, when clientCertAuth */
  clientCert?: string;
  clientKey?: string;
  /** when oidc is set: the issuer, to mint tokens (sim.oidc.token({ sub: 'alice' })) and inspect the key */
  oidc?: SimOidc;
  /** the identity the reviews play */
  identity: Identity;
  /** the Kubernetes minor version played */
  version: KubeVersion;
  /** the simulator's clock (ms), the time its usage and logs are computed for */
  now(): number;
  /** follow streams and hung requests currently open */
  openStreams(): number;
  /**
   * the node's kubelet stops posting status now: Ready becomes Unknown after the 40 s grace period, then
   * the node lifecycle and taint eviction controllers act on its pods (nodeLifecycle.ts)
   */
  nodeLost(name: string): void;
  /** the node's kubelet reports Ready=False from now on; its pods are marked NotReady, then evicted */
  nodeNotReady(name: string): void;
  stop(): Promise<void>;
}

export const DEFAULT_TOKEN = 'kubeglance-sim-token';

let sharedPki: SimPki | undefined;

/** RSA key generation is the slow part of starting a TLS sim; one PKI per process is enough */
function pki(): SimPki {
  sharedPki ??= generatePki();
  return sharedPki;
}

export async function startKubeSim(opts: KubeSimOptions = {}): Promise<KubeSim> {
  const clock = opts.clock ?? Date.now;
  const token = opts.token ?? DEFAULT_TOKEN;
  const version = parseKubeVersion(opts.version ?? DEFAULT_KUBE_VERSION);
  const cluster = buildCluster(
    opts.seed ?? 1,
    opts.nodes ?? 3,
    opts.podsPerNode ?? 8,
    clock(),
    version,
    parseScenarios(opts.scenarios ?? 'default')
  );
  const faults = new Faults();
  const tls = !!opts.tls || !!opts.clientCertAuth;
  const p = tls ? pki() : undefined;
  const oidc = opts.oidc ? createOidc(opts.oidc, clock) : undefined;
  const identity = opts.identity ?? 'reader';
  const server = await startServer({
    cluster,
    faults,
    token,
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 0,
    clock,
    tls: p
      ? { key: p.serverKey, cert: p.serverCert, ca: p.caCert, requestClientCert: !!opts.clientCertAuth }
      : undefined,
    followPollMs: opts.followPollMs ?? 250,
    sleep: opts.sleep,
    cors: opts.cors,
    identity,
    oidc,
    metricsVersions: normalizeMetricsVersions(opts.metricsVersions ?? defaultMetricsVersions(version)),
    psi: opts.psi,
    metricsSwap: !!opts.metricsSwap,
  });
  const sim: KubeSim = {
    url: server.url,
    token,
    cluster,
    faults,
    identity,
    version,
    now: clock,
    openStreams: server.openStreams,
    nodeLost: (name) => nodeGoesNotReady(cluster, name, clock(), 'Unknown'),
    nodeNotReady: (name) => nodeGoesNotReady(cluster, name, clock(), 'False'),
    stop: server.stop,
  };
  if (oidc) {
    sim.oidc = oidc;
  }
  if (p) {
    sim.caCert = p.caCert;
    if (opts.clientCertAuth) {
      sim.clientCert = p.clientCert;
      sim.clientKey = p.clientKey;
    }
  }
  return sim;
}

export { buildCluster } from './cluster/cluster';
export { Faults } from './faults/faults';
export type {
  DenyRule,
  ErrorRule,
  ThrottleRule,
  UnavailableOptions,
  MetricsServerMode,
  RequestRecord,
} from './faults/faults';
export type { OidcOptions, SimOidc, JwtVerdict } from './server/oidc';
export type { Identity, ReviewStatus, RulesStatus, PolicyRule } from './authz/rbac';
export { IDENTITIES } from './authz/rbac';
export { manualClock } from './cluster/clock';
export { TRIAGE, SCENARIOS, parseScenarios } from './cluster/triageScenarios';
export type {
  Scenarios,
  TriageTruth,
  RolloutTruth,
  FillTruth,
  OutlierTruth,
  SteadyUsageTruth,
} from './cluster/triageScenarios';
export { KUBE_VERSIONS, DEFAULT_KUBE_VERSION, gitVersionOf } from './cluster/versions';
export type { KubeVersion } from './cluster/versions';
export type { ManualClock } from './cluster/clock';
export { SERVICE_ACCOUNT_USER } from './server/server';
export {
  NODE_MONITOR_GRACE_MS,
  DEFAULT_TOLERATION_SECONDS,
  POD_GRACE_SECONDS,
  nodeReadyStatus,
  podNodeEffects,
  podReadyAt,
} from './cluster/nodeLifecycle';
export * from './cluster/model';
