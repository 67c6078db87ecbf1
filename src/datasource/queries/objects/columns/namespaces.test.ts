import { namespaceColumns } from './namespaces';

const NOW = Date.UTC(2025, 0, 1);

describe('namespaceColumns', () => {
  it('prints name, phase and age', () => {
    const cols = namespaceColumns(
      [
        { metadata: { name: 'shop', creationTimestamp: '2024-12-31T00:00:00Z' }, status: { phase: 'Active' } },
        { metadata: { name: 'old', creationTimestamp: null }, status: { phase: 'Terminating' } },
      ],
      NOW
    );
    expect(cols.map((c) => c.name)).toEqual(['name', 'status', 'age']);
    expect(cols.map((c) => c.values)).toEqual([
      ['shop', 'old'],
      ['Active', 'Terminating'],
      [86400, null],
    ]);
  });
});
