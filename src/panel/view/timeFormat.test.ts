import { absoluteFormatter, formatRelative, timestampFormatter } from './timeFormat';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

describe('timestamps', () => {
  it('formats absolute times with milliseconds in the given zone', () => {
    const utc = absoluteFormatter('utc');
    expect(utc(T0)).toBe('2024-01-02 03:04:05.678');
    expect(utc(T0 + 1)).toBe('2024-01-02 03:04:05.679');
    expect(utc(T0 + 400)).toBe('2024-01-02 03:04:06.078');
    expect(absoluteFormatter('Asia/Kolkata')(T0)).toBe('2024-01-02 08:34:05.678');
    expect(utc(NaN)).toBe('');
  });

  it('formats relative times at every scale', () => {
    expect(formatRelative(T0, T0 + 4_250)).toBe('4.2s ago');
    expect(formatRelative(T0, T0 + 187_000)).toBe('3m 07s ago');
    expect(formatRelative(T0, T0 + 2 * 3_600_000 + 5 * 60_000)).toBe('2h 05m ago');
    expect(formatRelative(T0, T0 + 3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h ago');
    expect(formatRelative(T0 + 1000, T0)).toBe('in 1.0s');
  });

  it('gives empty strings when timestamps are off', () => {
    expect(timestampFormatter('off', 'utc', T0)(T0)).toBe('');
    expect(timestampFormatter('relative', 'utc', T0 + 1000)(T0)).toBe('1.0s ago');
  });
});
