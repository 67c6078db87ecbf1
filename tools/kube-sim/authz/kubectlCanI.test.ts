/** @jest-environment node */
/**
 * The real client against the sim: `kubectl auth can-i` discovers the resource, POSTs a
 * SelfSubjectAccessReview and prints yes (exit 0) or no (exit 1), with " - <reason>" when a denial
 * carries one (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go). kubectl sent no bearer token to an
 * http:// sim, so the sims serve HTTPS and the kubeconfig carries their CA.
 */
import { execFile, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Identity, KubeSim, startKubeSim } from '../index';
import { kubeconfig } from '../server/kubeconfig';

interface CanI {
  code: number | null;
  out: string;
  err: string;
}

/** a sim per setup; every command of EXPECTED runs in beforeAll, all at once */
const SETUPS: Record<string, { identity: Identity; deny?: string }> = {
  reader: { identity: 'reader' },
  'reader, pods/log denied': { identity: 'reader', deny: 'pods/log' },
  'cluster-admin': { identity: 'cluster-admin' },
  'cluster-admin, pods denied': { identity: 'cluster-admin', deny: 'pods' },
};

/** what the permission model says, as kubectl prints it: [setup, can-i arguments, output] */
const EXPECTED: Array<[string, string, string]> = [
  ['reader', 'list pods', 'yes'],
  ['reader', 'create pods', 'no'],
  ['reader', 'get pods --subresource=log', 'yes'],
  ['reader, pods/log denied', 'list pods', 'yes'],
  ['reader, pods/log denied', 'get pods --subresource=log', 'no'],
  ['cluster-admin', 'list pods', 'yes'],
  ['cluster-admin', 'create pods', 'yes'],
  ['cluster-admin', 'get pods --subresource=log', 'yes'],
  ['cluster-admin, pods denied', 'create pods', 'no - kube-sim: denied by faults.deny("pods")'],
  // subresources are separate in RBAC, so denying pods leaves pods/log
  ['cluster-admin, pods denied', 'get pods --subresource=log', 'yes'],
];

let dir: string;
const sims: KubeSim[] = [];
const results = new Map<string, CanI>();

function requireKubectl(): void {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `kubectl is missing (${r.error?.message ?? r.stderr}): this test runs \`kubectl auth can-i\` against kube-sim; ` +
        'install kubectl on the PATH (CI installs it)'
    );
  }
}

function canI(config: string, args: string[]): Promise<CanI> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      ['--kubeconfig', config, '--cache-dir', path.join(dir, 'cache'), 'auth', 'can-i', ...args],
      { env: { ...process.env, HOME: dir, KUBECONFIG: config } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout, err: stderr })
    );
  });
}

beforeAll(async () => {
  requireKubectl();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sim-kubectl-'));
  const runs: Array<Promise<void>> = [];
  for (const [name, setup] of Object.entries(SETUPS)) {
    const sim = await startKubeSim({ tls: true, nodes: 2, podsPerNode: 2, identity: setup.identity });
    sims.push(sim);
    if (setup.deny) {
      sim.faults.deny(setup.deny);
    }
    const config = path.join(dir, `${sims.length}.kubeconfig`);
    fs.writeFileSync(config, kubeconfig(sim), { mode: 0o600 });
    for (const [setupName, args] of EXPECTED.filter(([n]) => n === name)) {
      runs.push(canI(config, args.split(' ')).then((r) => void results.set(`${setupName}: ${args}`, r)));
    }
  }
  await Promise.all(runs);
}, 30_000);

afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('kubectl auth can-i against kube-sim', () => {
  it.each(EXPECTED)('%s: can-i %s → %s', (setup, args, answer) => {
    const r = results.get(`${setup}: ${args}`)!;
    expect({ out: r.out.trim(), code: r.code }).toEqual({ out: answer, code: answer === 'yes' ? 0 : 1 });
  });

  it('sent each review as a SelfSubjectAccessReview POST', () => {
    const posts = sims[0].faults.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(
      EXPECTED.filter(([n]) => n === 'reader').map(() => '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')
    );
  });
});
