import { ageSeconds, humanDuration, secondsBetween } from './k8sAge';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('ageSeconds', () => {
  it('counts whole seconds since the timestamp, floored like kubectl', () => {
    expect(ageSeconds('2025-01-01T11:58:00Z', NOW)).toBe(120);
    expect(ageSeconds('2025-01-01T11:59:59.400Z', NOW)).toBe(0);
    expect(ageSeconds('2024-12-31T12:00:00Z', NOW)).toBe(86400);
  });

  it('keeps an absent or unreadable time absent instead of calling it new', () => {
    expect(ageSeconds(undefined, NOW)).toBeNull();
    expect(ageSeconds(null, NOW)).toBeNull();
    expect(ageSeconds('', NOW)).toBeNull();
    expect(ageSeconds('yesterday', NOW)).toBeNull();
  });

  it('gives 0, not a negative age, for an object stamped by a server clock slightly ahead', () => {
    expect(ageSeconds('2025-01-01T12:00:05Z', NOW)).toBe(0);
  });
});

describe('secondsBetween', () => {
  it('measures a duration between two instants', () => {
    expect(secondsBetween(NOW, NOW + 90_500)).toBe(90);
  });

  it('is null when either end is missing', () => {
    expect(secondsBetween(undefined, NOW)).toBeNull();
    expect(secondsBetween(NOW, undefined)).toBeNull();
    expect(secondsBetween(NaN, NOW)).toBeNull();
  });
});

describe('humanDuration', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const y = 365 * d;

  // the boundaries of apimachinery's duration.HumanDuration, which kubectl prints AGE and "(5m ago)" with
  it.each([
    [0, '0s'],
    [999, '0s'],
    [-1999, '0s'],
    [-2 * s, '<invalid>'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 5 * s, '2m5s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 4 * h, '2d4h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [3 * y + 12 * d, '3y12d'],
    [8 * y + 100 * d, '8y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
