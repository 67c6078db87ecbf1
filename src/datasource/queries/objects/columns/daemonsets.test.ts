import { daemonSetColumns } from './daemonsets';

describe('daemonSetColumns', () => {
  it('prints desired, current, ready, up-to-date and available, zero where the API omitted them', () => {
    const cols = daemonSetColumns(
      [
        {
          metadata: { name: 'kube-proxy', namespace: 'kube-system' },
          status: { desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 3, updatedNumberScheduled: 4 },
        },
      ],
      0
    );
    expect(Object.fromEntries(cols.map((c) => [c.name, c.values[0]]))).toMatchObject({
      desired: 4,
      current: 4,
      ready: 3,
      upToDate: 4,
      available: 0,
    });
  });
});
