/** @jest-environment node */
/**
 * Server-side printing (kubernetes pkg/printers/internalversion/printers.go for the columns and cells,
 * apiserver endpoints/handlers/response.go for the Table and its rows, kubectl get.go for the Accept
 * header it sends).
 */
import { KubeSim, manualClock, startKubeSim } from '../index';
import { simGet } from '../server/client';

const KUBECTL_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 4, podsPerNode: 8, seed: 11, clock: manualClock(Date.UTC(2026, 0, 1)) });
});
afterAll(() => sim.stop());

async function get(path: string, accept = KUBECTL_ACCEPT) {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token, headers: { Accept: accept } });
  return { status: r.status, type: r.headers['content-type'], body: JSON.parse(r.body) };
}

describe('Table responses', () => {
  it('answers kubectl with a meta.k8s.io/v1 Table of the printer columns, wide ones at priority 1', async () => {
    const r = await get('/api/v1/pods');
    expect(r.type).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(r.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    const cols = r.body.columnDefinitions.map((c: { name: string; type: string; priority: number }) => [
      c.name,
      c.type,
      c.priority,
    ]);
    expect(cols).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
    expect(r.body.columnDefinitions[0].format).toBe('name');
    expect(r.body.rows).toHaveLength(sim.cluster.pods.length);
  });

  it('fills each row with cells and the object metadata as PartialObjectMetadata (includeObject=Metadata)', async () => {
    const pod = sim.cluster.pods.find((p) => p.name.startsWith('ml-trainer-'))!;
    const r = await get(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`);
    expect(r.body.rows).toHaveLength(1);
    const row = r.body.rows[0];
    expect(row.cells).toEqual([pod.name, '0/1', 'Pending', '0', '39m', '<none>', '<none>', '<none>', '<none>']);
    expect(row.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: pod.name, namespace: pod.namespace },
    });
    expect(row.object.spec).toBeUndefined();
  });

  it('includeObject=Object carries the whole object, None none', async () => {
    const full = await get('/api/v1/nodes?includeObject=Object');
    expect(full.body.rows[0].object).toMatchObject({ kind: 'Node', apiVersion: 'v1', status: { nodeInfo: {} } });
    const none = await get('/api/v1/nodes?includeObject=None');
    expect(none.body.rows[0].object).toBeUndefined();
  });

  // printPod: a Succeeded pod's row carries the Completed row condition
  it('marks a finished pod row Completed', async () => {
    const r = await get('/api/v1/namespaces/batch/pods');
    expect(r.body.rows[0].conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
  });

  it('pages a Table with limit and continue like a list', async () => {
    const first = await get('/api/v1/pods?limit=5');
    expect(first.body.rows).toHaveLength(5);
    expect(first.body.metadata).toMatchObject({
      continue: expect.any(String),
      remainingItemCount: sim.cluster.pods.length - 5,
    });
  });

  it('falls back as the Accept list says: v1beta1 Tables, plain JSON, 406 for nothing it can produce', async () => {
    const beta = await get('/api/v1/nodes', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io');
    expect(beta.body.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect((await get('/api/v1/nodes', 'application/json')).body.kind).toBe('NodeList');
    expect(
      (await get('/api/v1/nodes', 'application/json;as=Table;v=v2;g=meta.k8s.io,application/json')).body.kind
    ).toBe('NodeList');
    const none = await get('/api/v1/nodes', 'application/json;as=Table;v=v9;g=meta.k8s.io');
    expect([none.status, none.body.reason]).toEqual([406, 'NotAcceptable']);
  });

  it('prints every kind the sim serves', async () => {
    const paths: Array<[string, string[]]> = [
      [
        '/api/v1/nodes',
        [
          'Name',
          'Status',
          'Roles',
          'Age',
          'Version',
          'Internal-IP',
          'External-IP',
          'OS-Image',
          'Kernel-Version',
          'Container-Runtime',
        ],
      ],
      ['/api/v1/namespaces', ['Name', 'Status', 'Age']],
      [
        '/api/v1/events',
        ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name'],
      ],
      [
        '/api/v1/persistentvolumeclaims',
        [
          'Name',
          'Status',
          'Volume',
          'Capacity',
          'Access Modes',
          'StorageClass',
          'VolumeAttributesClass',
          'Age',
          'VolumeMode',
        ],
      ],
      ['/api/v1/services', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']],
      ['/api/v1/endpoints', ['Name', 'Endpoints', 'Age']],
      ['/api/v1/configmaps', ['Name', 'Data', 'Age']],
      [
        '/apis/apps/v1/deployments',
        ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector'],
      ],
      ['/apis/apps/v1/replicasets', ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']],
      ['/apis/apps/v1/statefulsets', ['Name', 'Ready', 'Age', 'Containers', 'Images']],
      [
        '/apis/apps/v1/daemonsets',
        [
          'Name',
          'Desired',
          'Current',
          'Ready',
          'Up-to-date',
          'Available',
          'Node Selector',
          'Age',
          'Containers',
          'Images',
          'Selector',
        ],
      ],
      ['/apis/batch/v1/jobs', ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']],
      ['/apis/coordination.k8s.io/v1/leases', ['Name', 'Holder', 'Age']],
      ['/apis/discovery.k8s.io/v1/endpointslices', ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']],
    ];
    for (const [path, names] of paths) {
      const r = await get(path);
      expect([path, r.body.columnDefinitions.map((c: { name: string }) => c.name)]).toEqual([path, names]);
      for (const row of r.body.rows) {
        expect([path, row.cells.length]).toEqual([path, names.length]);
      }
    }
  });

  it('formats workload cells as the printers do', async () => {
    const dep = (await get('/apis/apps/v1/namespaces/shop/deployments/frontend')).body.rows[0].cells;
    expect(dep.slice(0, 4)).toEqual(['frontend', '3/3', 3, 3]);
    // printDeployment lists spec.template.spec.containers only: frontend's native sidecar (an init container) is not there
    expect(dep.slice(5)).toEqual(['app', 'ghcr.io/kubeglance-sim/shop-frontend:2.4.1', 'app=frontend']);
    const job = (await get('/apis/batch/v1/jobs')).body.rows[0].cells;
    expect(job.slice(1, 3)).toEqual(['Complete', '1/1']);
    const svc = (await get('/api/v1/namespaces/default/services/kubernetes')).body.rows[0].cells;
    expect(svc.slice(0, 5)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
  });
});
