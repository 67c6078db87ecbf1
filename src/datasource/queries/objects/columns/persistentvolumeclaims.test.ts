import { PvcObj } from './kubeObjects';
import { accessModesText, pvcColumns, pvcStatus, pvcStorageClass } from './persistentvolumeclaims';

const bound: PvcObj = {
  metadata: { name: 'data-0', namespace: 'shop' },
  spec: { volumeName: 'pvc-123', storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } },
  status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } },
};
const pending: PvcObj = {
  metadata: { name: 'uploads', namespace: 'shop' },
  spec: { storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } },
  status: { phase: 'Pending' },
};

const row = (pvc: PvcObj) => Object.fromEntries(pvcColumns([pvc], 0).map((c) => [c.name, c.values[0]]));

describe('pvcColumns', () => {
  it('prints a bound claim with its volume, capacity in bytes from status, and access modes', () => {
    expect(row(bound)).toMatchObject({
      status: 'Bound',
      volume: 'pvc-123',
      capacity: 20 * 1024 ** 3,
      accessModes: 'RWO',
      storageClass: 'standard',
    });
  });

  it('leaves volume, capacity and access modes empty for a pending claim (not the requested size)', () => {
    expect(row(pending)).toMatchObject({ status: 'Pending', volume: null, capacity: null, accessModes: null });
  });

  it('leaves an unreadable capacity empty instead of failing the table', () => {
    expect(row({ ...bound, status: { ...bound.status, capacity: { storage: 'lots' } } }).capacity).toBeNull();
  });
});

describe('PVC helpers', () => {
  it('abbreviates access modes in kubectl order without duplicates', () => {
    expect(accessModesText(['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'])).toBe('RWO,RWX');
    expect(accessModesText(['ReadWriteOncePod', 'ReadOnlyMany'])).toBe('ROX,RWOP');
    expect(accessModesText([])).toBeNull();
  });

  it('says Terminating while the claim is being deleted', () => {
    expect(pvcStatus({ ...bound, metadata: { ...bound.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } })).toBe(
      'Terminating'
    );
  });

  it('falls back to the beta storage-class annotation', () => {
    expect(
      pvcStorageClass({ metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'gold' } }, spec: {} })
    ).toBe('gold');
  });
});
