import { statefulSetColumns, statefulSetReady } from './statefulsets';

describe('statefulsets', () => {
  it('prints ready as ready/desired', () => {
    expect(statefulSetReady({ spec: { replicas: 2 }, status: { readyReplicas: 1 } })).toBe('1/2');
    expect(statefulSetReady({ spec: { replicas: 2 } })).toBe('0/2');
  });

  it('has namespace, name, ready and age columns', () => {
    const cols = statefulSetColumns([{ metadata: { name: 'db', namespace: 'shop' }, spec: { replicas: 1 } }], 0);
    expect(cols.map((c) => [c.name, c.values[0]])).toEqual([
      ['namespace', 'shop'],
      ['name', 'db'],
      ['ready', '0/1'],
      ['age', null],
    ]);
  });
});
