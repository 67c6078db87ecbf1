/**
 * npm run sim -- [flags]: start kube-sim in the foreground.
 *   --port=6443 --host=127.0.0.1 --tls --client-cert-auth --token=T --nodes=3 --pods-per-node=8 --seed=1 --version=1.37
 *   --latency=MS --metrics-server=present|absent|unavailable --metrics-versions=v1,v1beta1 --deny=nodes/proxy
 *   --unreachable-node=NAME[,NAME] --cors --identity=reader|cluster-admin --psi=false --metrics-swap
 *   --oidc-issuer-url=URL --oidc-client-id=AUD[,AUD] --oidc-username-claim=sub --oidc-username-prefix=P
 *   --scenarios=triage|default|healthy (default triage: the CLI is for looking at a cluster with things to find)
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startKubeSim, KubeSimOptions } from './index';
import type { MetricsServerMode } from './faults/faults';
import { IDENTITIES, type Identity } from './authz/rbac';
import { normalizeMetricsVersions } from './api/discoveryResources';
import { parseKubeVersion } from './cluster/versions';
import { parseScenarios } from './cluster/triageScenarios';

export interface CliConfig {
  sim: KubeSimOptions;
  latency?: number;
  metricsServer?: MetricsServerMode;
  deny: string[];
  unreachable: string[];
}

function num(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`--${name} wants a non-negative number, got "${v}"`);
  }
  return n;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses `--flag=value`, `--flag value` and bare boolean flags. */
export function parseArgs(argv: string[]): CliConfig {
  const cfg: CliConfig = { sim: { port: 6443 }, deny: [], unreachable: [] };
  const booleans = new Set(['tls', 'client-cert-auth', 'cors', 'psi', 'metrics-swap', 'help']);
  const valued = new Set([
    'port',
    'host',
    'token',
    'nodes',
    'pods-per-node',
    'seed',
    'version',
    'scenarios',
    'latency',
    'metrics-server',
    'metrics-versions',
    'deny',
    'unreachable-node',
    'identity',
    'oidc-issuer-url',
    'oidc-client-id',
    'oidc-username-claim',
    'oidc-username-prefix',
  ]);
  const oidc: { issuer?: string; audiences: string[]; usernameClaim?: string; usernamePrefix?: string } = {
    audiences: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      throw new Error(`unexpected argument "${argv[i]}"`);
    }
    const name = m[1];
    if (!booleans.has(name) && !valued.has(name)) {
      throw new Error(`unknown flag --${name}`);
    }
    let value = m[2];
    if (value === undefined && !booleans.has(name)) {
      value = argv[++i];
      if (value === undefined) {
        throw new Error(`--${name} needs a value`);
      }
    }
    switch (name) {
      case 'port':
        cfg.sim.port = num(name, value!);
        break;
      case 'host':
        cfg.sim.host = value;
        break;
      case 'tls':
        cfg.sim.tls = value === undefined || value !== 'false';
        break;
      case 'client-cert-auth':
        cfg.sim.clientCertAuth = value === undefined || value !== 'false';
        break;
      case 'cors':
        cfg.sim.cors = true;
        break;
      case 'psi':
        cfg.sim.psi = value === undefined || value !== 'false';
        break;
      case 'metrics-swap':
        cfg.sim.metricsSwap = value === undefined || value !== 'false';
        break;
      case 'token':
        cfg.sim.token = value;
        break;
      case 'nodes':
        cfg.sim.nodes = num(name, value!);
        break;
      case 'pods-per-node':
        cfg.sim.podsPerNode = num(name, value!);
        break;
      case 'seed':
        cfg.sim.seed = num(name, value!);
        break;
      case 'version':
        cfg.sim.version = parseKubeVersion(value!);
        break;
      case 'scenarios':
        cfg.sim.scenarios = parseScenarios(value!);
        break;
      case 'latency':
        cfg.latency = num(name, value!);
        break;
      case 'metrics-server':
        if (value !== 'present' && value !== 'absent' && value !== 'unavailable') {
          throw new Error('--metrics-server is one of present, absent, unavailable');
        }
        cfg.metricsServer = value;
        break;
      case 'metrics-versions':
        cfg.sim.metricsVersions = normalizeMetricsVersions(list(value!));
        break;
      case 'deny':
        cfg.deny.push(...list(value!));
        break;
      case 'unreachable-node':
        cfg.unreachable.push(...list(value!));
        break;
      case 'identity':
        if (!IDENTITIES.includes(value as Identity)) {
          throw new Error(`--identity is one of ${IDENTITIES.join(', ')}`);
        }
        cfg.sim.identity = value as Identity;
        break;
      // named as kube-apiserver's flags
      case 'oidc-issuer-url':
        oidc.issuer = value;
        break;
      case 'oidc-client-id':
        oidc.audiences.push(...list(value!));
        break;
      case 'oidc-username-claim':
        oidc.usernameClaim = value;
        break;
      case 'oidc-username-prefix':
        oidc.usernamePrefix = value;
        break;
      case 'help':
        throw new Error('help');
      default:
        throw new Error(`unknown flag --${name}`);
    }
  }
  if (oidc.issuer || oidc.audiences.length > 0 || oidc.usernameClaim || oidc.usernamePrefix !== undefined) {
    if (!oidc.issuer || oidc.audiences.length === 0) {
      throw new Error('--oidc-issuer-url and --oidc-client-id go together');
    }
    cfg.sim.oidc = { ...oidc, issuer: oidc.issuer };
  }
  return cfg;
}

async function main(): Promise<void> {
  let cfg: CliConfig;
  try {
    cfg = parseArgs(process.argv.slice(2));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const usage = fs
      .readFileSync(__filename, 'utf8')
      .split('\n')
      .slice(1, 6)
      .map((l) => l.replace(/^ \*\s?/, ''))
      .join('\n');
    process.stderr.write(`${msg === 'help' ? '' : `kube-sim: ${msg}\n`}usage: ${usage}\n`);
    process.exit(msg === 'help' ? 0 : 2);
  }
  const sim = await startKubeSim({ scenarios: 'triage', ...cfg.sim });
  if (cfg.latency) {
    sim.faults.latency(cfg.latency);
  }
  if (cfg.metricsServer) {
    sim.faults.metricsServer(cfg.metricsServer);
  }
  cfg.deny.forEach((r) => sim.faults.deny(r));
  cfg.unreachable.forEach((n) => sim.faults.unreachableNode(n));

  const lines = [
    `kube-sim listening on ${sim.url}`,
    `  token: ${sim.token}`,
    `  cluster: Kubernetes ${sim.cluster.gitVersion}, ${sim.cluster.nodes.length} nodes, ${sim.cluster.pods.length} pods, seed ${sim.cluster.seed}, scenarios ${sim.cluster.scenarios}`,
    `  identity: ${sim.identity}`,
  ];
  if (sim.oidc) {
    lines.push(`  oidc token for sub "kube-sim-user" (1 h): ${sim.oidc.token({ sub: 'kube-sim-user' })}`);
  }
  let curlTls = '';
  if (sim.caCert) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sim-'));
    fs.writeFileSync(path.join(dir, 'ca.crt'), sim.caCert);
    lines.push(`  CA certificate: ${path.join(dir, 'ca.crt')}`);
    curlTls = ` --cacert ${path.join(dir, 'ca.crt')}`;
    if (sim.clientCert && sim.clientKey) {
      fs.writeFileSync(path.join(dir, 'client.crt'), sim.clientCert);
      fs.writeFileSync(path.join(dir, 'client.key'), sim.clientKey, { mode: 0o600 });
      lines.push(`  client certificate: ${path.join(dir, 'client.crt')} (key: ${path.join(dir, 'client.key')})`);
    }
  }
  lines.push(`  try: curl${curlTls} -H 'Authorization: Bearer ${sim.token}' ${sim.url}/api/v1/nodes`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = (): void => {
    sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`kube-sim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
