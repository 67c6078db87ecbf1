import { deploymentColumns, deploymentReady } from './deployments';

describe('deployments', () => {
  it('prints ready as ready/desired and treats the counts the API omits at zero as 0', () => {
    expect(deploymentReady({ spec: { replicas: 3 }, status: { readyReplicas: 2 } })).toBe('2/3');
    expect(deploymentReady({ spec: { replicas: 3 }, status: {} })).toBe('0/3');
    expect(deploymentReady({ spec: { replicas: 0 } })).toBe('0/0');
  });

  it('prints up-to-date and available as numbers', () => {
    const cols = deploymentColumns(
      [
        {
          metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2025-01-01T00:00:00Z' },
          spec: { replicas: 3 },
          status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
        },
      ],
      Date.UTC(2025, 0, 1, 0, 1)
    );
    expect(Object.fromEntries(cols.map((c) => [c.name, c.values[0]]))).toEqual({
      namespace: 'shop',
      name: 'web',
      ready: '2/3',
      upToDate: 3,
      available: 2,
      age: 60,
    });
  });
});
