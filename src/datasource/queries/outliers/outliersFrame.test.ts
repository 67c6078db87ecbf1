import { FieldType } from '@grafana/data';

import { outliersFrame } from './outliersFrame';
import { scoreWorkloads } from './outlierScoring';

const MiB = 2 ** 20;

describe('outliers frame', () => {
  const scores = scoreWorkloads(
    [
      {
        namespace: 'shop',
        workload: 'Deployment/web',
        pods: [200, 210, 190, 680].map((m, i) => ({ pod: `web-${i}`, values: { memory: m * MiB, restarts: 0 } })),
      },
    ],
    ['memory', 'restarts'],
    true
  );
  const frame = outliersFrame(scores, 'A', [{ severity: 'info', text: 'window' }]);
  const field = (name: string) => frame.fields.find((f) => f.name === name)!;

  it('writes values in their unit and keeps ratio and score as numbers, worst first', () => {
    expect(frame.length).toBe(8);
    expect(field('pod').values[0]).toBe('web-3');
    expect(field('value').values[0]).toBe('680 MiB');
    expect(field('median').values[0]).toBe('205 MiB');
    expect(field('ratio').type).toBe(FieldType.number);
    expect(field('ratio').values[0]).toBeCloseTo(680 / 205, 10);
    expect(field('outlier').values.filter(Boolean)).toHaveLength(1);
    // a median of 0 restarts has no ratio: the cell is empty, not 0 or Infinity
    expect(field('ratio').values[frame.length - 1]).toBeNull();
    expect(frame.meta?.notices).toEqual([{ severity: 'info', text: 'window' }]);
  });

  it('colours the score green below the tolerance and red from it', () => {
    const config = field('score').config;
    expect(config.color?.mode).toBe('thresholds');
    expect(config.thresholds?.steps).toEqual([
      { value: -Infinity, color: 'green' },
      { value: 3.5, color: 'red' },
    ]);
  });
});
