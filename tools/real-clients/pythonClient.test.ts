/** @jest-environment node */
/**
 * The Python kubernetes client (Debian python3-kubernetes, an older client than the server, as in the
 * field) against kube-sim: pythonClient.py lists every kind the sim serves into the client's typed models,
 * pages with limit/_continue, reads metrics.k8s.io, pod logs (tail, previous), a SelfSubjectAccessReview
 * and /readyz, and prints what it got as JSON. The run happens once, in beforeAll.
 */
import path from 'path';
import { KubeSim, manualClock, startKubeSim } from '../kube-sim';
import { clientDir, requirePythonClient, run } from './clients';

let sim: KubeSim;
let scratch: ReturnType<typeof clientDir> | undefined;
let result: Record<string, unknown>;
let stderr = '';

const names = (items: Array<{ namespace?: string; name: string }>) =>
  items.map((i) => `${i.namespace ?? ''}/${i.name}`).sort();

beforeAll(async () => {
  const python = requirePythonClient();
  sim = await startKubeSim({ tls: true, nodes: 12, podsPerNode: 6, seed: 3, clock: manualClock(Date.UTC(2026, 0, 1)) });
  scratch = clientDir(sim);
  const pod = (prefix: string) => sim.cluster.pods.find((p) => p.name.startsWith(prefix))!;
  const tail = pod('legacy-batch-ui-');
  const crashed = pod('checkout-');
  const logs = {
    tail: [tail.namespace, tail.name, tail.containers[0].name],
    previous: [crashed.namespace, crashed.name, crashed.containers[0].name],
  };
  const r = await run(python, [path.join(__dirname, 'pythonClient.py'), scratch.config, JSON.stringify(logs)], {
    HOME: scratch.dir,
  });
  stderr = r.err;
  result = r.code === 0 ? (JSON.parse(r.out) as Record<string, unknown>) : {};
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  scratch?.cleanup();
});

describe('the Python kubernetes client against kube-sim', () => {
  it('ran to the end', () => {
    expect(Object.keys(result).length).toBeGreaterThan(0);
    expect(stderr).toBe('');
  });

  it('reads /version', () => {
    expect(result.version).toBe('v1.37.1');
  });

  it('lists every kind into its typed models', () => {
    const c = sim.cluster;
    const kinds = (k: string) => c.workloads.filter((w) => w.kind === k);
    expect(result.pods).toEqual(names(c.pods));
    expect(result.nodes).toEqual(c.nodes.map((n) => n.name).sort());
    expect(result.namespaces).toEqual(c.namespaces.map((n) => n.name).sort());
    expect(result.pvcs).toEqual(names(c.pvcs));
    expect(result.services).toEqual(names(c.services));
    expect(result.endpoints).toEqual(names(c.services));
    expect(result.configmaps).toEqual(names(c.configMaps));
    expect(result.leases).toEqual(names(c.leases));
    expect((result.endpointslices as string[]).length).toBe(c.services.length);
    expect(result.deployments).toEqual(names(kinds('Deployment')));
    expect(result.replicasets).toEqual(names(kinds('ReplicaSet')));
    expect(result.statefulsets).toEqual(names(kinds('StatefulSet')));
    expect(result.daemonsets).toEqual(names(kinds('DaemonSet')));
    expect(result.jobs).toEqual(names(kinds('Job')));
    expect(result.events).toBeGreaterThan(10);
  });

  it('sees the node conditions, Unknown included', () => {
    expect(result.node_ready).toMatchObject({ 'node-1': 'True', 'node-10': 'False', 'node-11': 'Unknown' });
  });

  it('pages with limit and _continue, and gets a 400 for a garbage token', () => {
    const paged = result.paged as { pages: number; pods: string[] };
    expect(paged.pods).toEqual(names(sim.cluster.pods));
    expect(paged.pages).toBe(Math.ceil(sim.cluster.pods.length / 5));
    expect(result.bad_continue).toMatchObject({ error: 400, reason: 'BadRequest' });
  });

  it('reads metrics.k8s.io with the custom-objects API', () => {
    expect(result.node_metrics).toEqual(
      sim.cluster.nodes
        .map((n) => n.name)
        .filter((n) => n !== 'node-11')
        .sort()
    );
    expect(result.pod_metrics).toBeGreaterThan(20);
  });

  it('reads pod logs with tail_lines and previous', () => {
    expect(result.log_tail).toHaveLength(3);
    expect(result.log_previous).toHaveLength(2);
    expect(result.log_no_previous).toMatchObject({ error: 400, reason: 'BadRequest' });
  });

  it('asks SelfSubjectAccessReviews', () => {
    expect([result.can_list_pods, result.can_create_pods]).toEqual([true, false]);
  });

  it('reads /readyz and /livez?verbose', () => {
    expect(result.readyz).toEqual({ status: 200, body: 'ok' });
    expect(result.livez_verbose).toBe('livez check passed');
  });
});
