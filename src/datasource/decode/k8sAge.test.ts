import { ageSeconds, secondsBetween } from './k8sAge';

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
