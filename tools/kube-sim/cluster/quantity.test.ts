import { binaryQuantity, cpuQuantity, decimalQuantity, nanoQuantity } from './quantity';
import { goDuration, rfc3339 } from './clock';

describe('quantities in canonical form', () => {
  it('writes memory in the largest exact binary suffix, falling back to decimal', () => {
    expect(binaryQuantity(128 * 2 ** 20)).toBe('128Mi');
    expect(binaryQuantity(1536 * 2 ** 20)).toBe('1536Mi');
    expect(binaryQuantity(2 ** 30)).toBe('1Gi');
    expect(binaryQuantity(732212 * 1024)).toBe('732212Ki');
    expect(binaryQuantity(1500)).toBe('1500');
    expect(binaryQuantity(2000)).toBe('2k');
    expect(binaryQuantity(0)).toBe('0');
  });

  it('writes CPU as cores or millicores', () => {
    expect(cpuQuantity(2)).toBe('2');
    expect(cpuQuantity(0.25)).toBe('250m');
    expect(cpuQuantity(3.9)).toBe('3900m');
  });

  it('writes usage nanocores like metrics-server', () => {
    expect(nanoQuantity(487558164)).toBe('487558164n');
    expect(nanoQuantity(0)).toBe('0');
    expect(nanoQuantity(250_000_000)).toBe('250m');
    expect(nanoQuantity(12_000)).toBe('12u');
    expect(decimalQuantity(110)).toBe('110');
  });
});

describe('time formats', () => {
  it('formats metav1.Time to the second in UTC', () => {
    expect(rfc3339(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('2024-01-02T03:04:05Z');
  });

  it("formats durations like Go's time.Duration.String()", () => {
    expect(goDuration(30_000)).toBe('30s');
    expect(goDuration(15_021)).toBe('15.021s');
    expect(goDuration(60_000)).toBe('1m0s');
    expect(goDuration(3_723_000)).toBe('1h2m3s');
    expect(goDuration(500)).toBe('500ms');
  });
});
