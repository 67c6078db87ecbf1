import { parseGoDuration, parseKubeTime } from './kubeTime';

describe('parseKubeTime', () => {
  it('reads RFC3339 seconds in UTC', () => {
    expect(parseKubeTime('2022-01-27T18:48:33Z')).toBe(Date.UTC(2022, 0, 27, 18, 48, 33));
  });
  it('keeps fractional seconds and offsets', () => {
    expect(parseKubeTime('2016-10-20T18:39:20.576Z')).toBe(Date.UTC(2016, 9, 20, 18, 39, 20, 576));
    expect(parseKubeTime('2022-01-27T20:48:33+02:00')).toBe(Date.UTC(2022, 0, 27, 18, 48, 33));
  });
  it('treats the zero time (null), empty and garbage as absent', () => {
    expect(parseKubeTime(null)).toBeUndefined();
    expect(parseKubeTime('')).toBeUndefined();
    expect(parseKubeTime('yesterday-ish')).toBeUndefined();
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['30s', 30],
    ['1m0s', 60],
    ['15.021s', 15.021],
    ['1h2m3.5s', 3723.5],
    ['500ms', 0.5],
    ['250us', 0.00025],
    ['0', 0],
    ['-1m30s', -90],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 9);
  });
  it.each(['', '30', 's', '1x', '1m0', '1.2.3s'])('rejects %p', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
