import { findRisks } from './findRisks';
import { cond, event, node, NOW, objects } from './riskFixtures';

describe('node checks', () => {
  it('makes a NotReady and an unreachable node critical, with how long', () => {
    const found = findRisks(
      objects({
        nodes: [
          node('n1', [cond('Ready', 'False', 20, { message: 'container runtime is down' })]),
          node('n2', [cond('Ready', 'Unknown', 45, { message: 'Kubelet stopped posting node status.' })]),
          node('n3'),
        ],
      }),
      NOW
    );
    expect(found).toEqual([
      expect.objectContaining({
        object: 'n2',
        node: 'n2',
        severity: 'critical',
        check: 'KubeNodeUnreachable',
        reason:
          'Unreachable for 45m: its kubelet stopped posting status (Kubelet stopped posting node status); its pods are evicted. Check the machine and its kubelet.',
      }),
      expect.objectContaining({
        object: 'n1',
        severity: 'critical',
        check: 'KubeNodeNotReady',
        reason: 'NotReady for 20m: container runtime is down. Check its kubelet and container runtime.',
      }),
    ]);
  });

  it('warns of each pressure condition and notes a cordoned node', () => {
    const found = findRisks(
      objects({
        nodes: [
          node(
            'n1',
            [cond('Ready', 'True', 500), cond('MemoryPressure', 'True', 7), cond('DiskPressure', 'False', 7)],
            true
          ),
        ],
      }),
      NOW
    );
    expect(found.map((f) => [f.check, f.severity, f.reason])).toEqual([
      [
        'KubeNodePressure',
        'warning',
        'MemoryPressure for 7m: the kubelet evicts pods to free memory: move or shrink workloads.',
      ],
      ['NodeCordoned', 'info', 'Cordoned: no new pods are scheduled on it; uncordon it when its maintenance is done.'],
    ]);
  });
});

describe('PVC checks', () => {
  const pvc = (name: string, phase: string, minutes: number) => ({
    metadata: { name, namespace: 'shop', creationTimestamp: new Date(NOW - minutes * 60_000).toISOString() },
    spec: { storageClassName: 'fast-ssd' },
    status: { phase },
  });

  it("reports a Pending claim with its class and the provisioner's message", () => {
    const events = [
      event(
        'PersistentVolumeClaim',
        'data',
        'Warning',
        'ProvisioningFailed',
        'storageclass.storage.k8s.io "fast-ssd" not found',
        2
      ),
    ];
    const [f] = findRisks(objects({ pvcs: [pvc('data', 'Pending', 30)], events }), NOW);
    expect(f).toMatchObject({
      kind: 'PersistentVolumeClaim',
      severity: 'warning',
      check: 'KubePersistentVolumeErrors',
    });
    expect(f.reason).toBe(
      'Pending for 30m, not bound (storage class fast-ssd): ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found. ' +
        'Check that the storage class exists and its provisioner runs, or create a matching PersistentVolume.'
    );
  });

  it('lets a claim that waits for its first pod be info, a Lost one critical, a Bound one pass', () => {
    const events = [
      event('PersistentVolumeClaim', 'later', 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer', 1),
    ];
    const found = findRisks(
      objects({ pvcs: [pvc('later', 'Pending', 60), pvc('gone', 'Lost', 60), pvc('ok', 'Bound', 60)], events }),
      NOW
    );
    expect(found.map((f) => [f.object, f.severity])).toEqual([
      ['gone', 'critical'],
      ['later', 'info'],
    ]);
  });
});
