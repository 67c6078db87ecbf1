import { bytes, humanDuration, projectFill } from './fillProjection';

const T0 = Date.UTC(2026, 0, 1, 12);
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** `n` samples every `stepS` seconds from `start` bytes growing `rate` bytes/s, plus `noise(i)`. */
function history(n: number, stepS: number, start: number, rate: number, noise: (i: number) => number = () => 0) {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(T0 + i * stepS * 1000);
    values.push(start + rate * i * stepS + noise(i));
  }
  return { times, values, lastMs: times[n - 1], last: values[n - 1] };
}

/** A fixed pseudo-random scatter in [-amp, amp) (a linear congruential generator): the same noise every run. */
function scatter(amp: number, seed = 7): (i: number) => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return amp * ((s / 2_147_483_648) * 2 - 1);
  };
}

describe('projectFill', () => {
  it('projects the time until full from the fitted rate, as of now', () => {
    // 10 GiB disk at 4 GiB, growing 1 MiB/s for 20 minutes: 6 GiB left minus what the 20 minutes added
    const h = history(81, 15, 4 * GiB, MiB);
    const now = h.lastMs + 30_000;
    const p = projectFill(h, 10 * GiB, h.last, now);
    expect(p.status).toBe('filling');
    expect(p.ratePerSecond).toBeCloseTo(MiB, 3);
    const expectedS = (10 * GiB - h.last) / MiB - 30;
    expect(p.secondsToFull).toBeCloseTo(expectedS, 3);
    expect(p.fullAtMs).toBeCloseTo(now + expectedS * 1000, 0);
    expect(p.outlook).toBe(`in ${humanDuration(expectedS)}`);
    expect(p.outlook).toBe('in 1h 21m');
    expect(p.confidence).toBe('high');
  });

  it('says "not filling" for a flat or shrinking series, with no time to full', () => {
    for (const rate of [0, -MiB]) {
      const h = history(60, 15, 4 * GiB, rate);
      const p = projectFill(h, 10 * GiB, h.last, h.lastMs);
      expect(p).toMatchObject({ status: 'notFilling', outlook: 'not filling', confidence: 'high' });
      expect(p.secondsToFull).toBeUndefined();
      expect(p.fullAtMs).toBeUndefined();
      expect(p.ratePerSecond).toBeCloseTo(rate, 6);
    }
  });

  it('marks a short history low confidence, by count and by span', () => {
    const few = history(4, 600, 1 * GiB, 100_000);
    const pFew = projectFill(few, 10 * GiB, few.last, few.lastMs);
    expect(pFew.status).toBe('filling');
    expect(pFew.confidence).toBe('low: short history (4 samples over 30m 0s)');

    const quick = history(20, 15, 1 * GiB, 100_000);
    const pQuick = projectFill(quick, 10 * GiB, quick.last, quick.lastMs);
    expect(pQuick.confidence).toBe('low: short history (20 samples over 4m 45s)');
  });

  it('projects a noisy rise but says it is noisy, and how much', () => {
    // 1 MiB/s over 20 minutes is 1.2 GiB of rise; readings scatter up to ±1.5 GiB around it
    const h = history(81, 15, 4 * GiB, MiB, scatter(1.5 * GiB));
    const p = projectFill(h, 100 * GiB, h.last, h.lastMs);
    expect(p.status).toBe('filling');
    expect(p.confidence).toMatch(/^low: noisy \(readings scatter ±\d\.\d GiB around the trend\)$/);
  });

  it('gives no projection for a rise within the noise', () => {
    const h = history(81, 15, 4 * GiB, 1000, scatter(GiB, 1)); // this scatter's fitted slope is positive, ~1 SE
    const p = projectFill(h, 100 * GiB, h.last, h.lastMs);
    expect(p.status).toBe('noTrend');
    expect(p.outlook).toBe('not filling (no trend beyond the noise)');
    expect(p.secondsToFull).toBeUndefined();
    expect(p.confidence).toMatch(/^low: noisy/);
  });

  it('is not thrown off by outliers: the rate and time stay those of the trend', () => {
    const h = history(81, 15, 4 * GiB, MiB, (i) => (i % 9 === 4 ? 5 * GiB : 0));
    const clean = history(81, 15, 4 * GiB, MiB);
    const p = projectFill(h, 10 * GiB, clean.last, h.lastMs);
    expect(p.ratePerSecond).toBeCloseTo(MiB, 3);
    expect(p.secondsToFull).toBeCloseTo((10 * GiB - clean.last) / MiB, 3);
    expect(p.confidence).toBe('high');
  });

  it('says full when the latest use reached the capacity', () => {
    const h = history(30, 15, 9 * GiB, MiB);
    const p = projectFill(h, 9 * GiB, 9 * GiB, h.lastMs);
    expect(p).toMatchObject({ status: 'full', outlook: 'full', secondsToFull: 0, fullAtMs: h.lastMs });
  });

  it('waits for a second sample, and says so', () => {
    const p = projectFill({ times: [T0], values: [GiB] }, 10 * GiB, GiB, T0);
    expect(p).toMatchObject({
      status: 'waiting',
      outlook: 'waiting for history',
      confidence: 'low: 1 sample, a rate needs two at different times',
    });
    expect(p.ratePerSecond).toBeUndefined();
  });
});

describe('humanDuration and bytes', () => {
  it('shows the two largest units', () => {
    expect(humanDuration(3 * 3600 + 12 * 60 + 40)).toBe('3h 12m');
    expect(humanDuration(90)).toBe('1m 30s');
    expect(humanDuration(45)).toBe('45s');
    expect(humanDuration(2 * 86_400 + 3600)).toBe('2d 1h');
    expect(humanDuration(0)).toBe('0s');
    expect(humanDuration(400 * 86_400)).toBe('over a year');
  });

  it('shows binary units', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toBe('1.5 KiB');
    expect(bytes(300 * MiB)).toBe('300 MiB');
    expect(bytes(2.25 * GiB)).toBe('2.3 GiB');
  });
});
