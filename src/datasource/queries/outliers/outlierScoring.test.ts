import { fixed, formatSignal, MIN_PODS, scoreSignal, scoreWorkloads, TOLERANCE, WorkloadPods } from './outlierScoring';

const MiB = 2 ** 20;

function workload(name: string, values: Array<Partial<Record<'cpu' | 'memory' | 'restarts', number>>>): WorkloadPods {
  return {
    namespace: 'shop',
    workload: `Deployment/${name}`,
    pods: values.map((v, i) => ({ pod: `${name}-${i}`, values: v })),
  };
}

describe('outlier scoring', () => {
  it('flags the one pod using far more memory than its siblings, and says how much in words', () => {
    const w = workload(
      'web',
      [200, 210, 190, 205, 680].map((m) => ({ memory: m * MiB }))
    );
    const flagged = scoreWorkloads([w], ['memory']);
    expect(flagged.map((s) => s.pod)).toEqual(['web-4']);
    const s = flagged[0];
    expect(s.median).toBe(205 * MiB);
    expect(s.ratio).toBeCloseTo(680 / 205, 10);
    expect(s.score).toBeGreaterThan(TOLERANCE);
    expect(s.reason).toBe('uses 3.3× the median memory of the 5 pods of Deployment/web (680 MiB against 205 MiB)');
  });

  it('scores with the scaled MAD: |x − median| / (1.4826 · MAD)', () => {
    // median 1.0 cores; deviations 0.4, 0.2, 0, 0.2, 0.4: MAD 0.2, well above the 10 % floor
    const w = workload(
      'api',
      [0.6, 0.8, 1.0, 1.2, 1.4].map((cpu) => ({ cpu }))
    );
    const scores = scoreSignal(w, 'cpu');
    expect(scores.map((s) => s.score)).toEqual(
      [0.4, 0.2, 0, 0.2, 0.4].map((d) => expect.closeTo(d / (1.4826 * 0.2), 10))
    );
    expect(scores.some((s) => s.outlier)).toBe(false);
  });

  it('flags nothing on a healthy workload whose pods differ by a few per cent', () => {
    const w = workload('steady', [
      { cpu: 0.1, memory: 300 * MiB, restarts: 0 },
      { cpu: 0.102, memory: 301 * MiB, restarts: 0 },
      { cpu: 0.1001, memory: 300.5 * MiB, restarts: 0 },
      { cpu: 0.11, memory: 318 * MiB, restarts: 1 },
      { cpu: 0.095, memory: 290 * MiB, restarts: 0 },
    ]);
    // a MAD of almost nothing would make these look far apart; the floors keep them together
    expect(scoreWorkloads([w], ['cpu', 'memory', 'restarts'])).toEqual([]);
    expect(scoreWorkloads([w], ['cpu', 'memory', 'restarts'], true)).toHaveLength(15);
  });

  it('flags a pod that restarts while its siblings do not', () => {
    const w = workload('worker', [{ restarts: 0 }, { restarts: 0 }, { restarts: 14 }, { restarts: 0 }]);
    const [s, ...rest] = scoreWorkloads([w], ['restarts']);
    expect(rest).toEqual([]);
    expect(s.pod).toBe('worker-2');
    expect(s.reason).toBe('restarted 14 times; the median of the 4 pods of Deployment/worker is 0');
  });

  it('flags a pod far below its siblings too', () => {
    const w = workload('queue', [{ cpu: 0.5 }, { cpu: 0.52 }, { cpu: 0.48 }, { cpu: 0.02 }]);
    const flagged = scoreWorkloads([w], ['cpu']);
    expect(flagged.map((s) => s.pod)).toEqual(['queue-3']);
    expect(flagged[0].reason).toMatch(/^uses 96% less CPU than the median of the 4 pods of Deployment\/queue/);
  });

  it(`compares nothing with fewer than ${MIN_PODS} pods that have the signal`, () => {
    const w = workload('pair', [{ memory: 100 * MiB }, { memory: 900 * MiB }, {}]);
    expect(scoreSignal(w, 'memory')).toEqual([]);
  });

  it('lists every pod with its score when asked, highest first, ties by name', () => {
    const w = workload(
      'web',
      [200, 210, 190, 205, 680].map((m) => ({ memory: m * MiB }))
    );
    const all = scoreWorkloads([w], ['memory'], true);
    expect(all.map((s) => s.pod)).toEqual(['web-4', 'web-2', 'web-0', 'web-1', 'web-3']);
    expect(all.map((s) => s.outlier)).toEqual([true, false, false, false, false]);
  });

  it('formats values in their unit', () => {
    expect(formatSignal('cpu', 0.25)).toBe('250m CPU');
    expect(formatSignal('cpu', 1.5)).toBe('1.5 cores');
    expect(formatSignal('memory', 1.5 * 2 ** 30)).toBe('1.5 GiB');
    expect(formatSignal('restarts', 1)).toBe('1 restart');
  });
});

describe('fixed decimals', () => {
  it('rounds to at most the digits asked for and drops trailing zeros', () => {
    expect(fixed(205.34, 1)).toBe('205.3');
    expect(fixed(205.96, 1)).toBe('206');
    expect(fixed(1.05, 2)).toBe('1.05');
    expect(fixed(1.5, 2)).toBe('1.5');
    expect(fixed(3, 2)).toBe('3');
    expect(fixed(0.004, 2)).toBe('0');
    expect(fixed(-2.25, 1)).toBe('-2.3');
  });
});
