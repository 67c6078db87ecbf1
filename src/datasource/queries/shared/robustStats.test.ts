import { MAD_TO_SIGMA, mean, median, medianAndMad, quantile, quantileSorted, sortedFinite } from './robustStats';

describe('robust statistics', () => {
  it('takes the median of odd and even counts, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('interpolates quantiles between ranks like numpy', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(oneToTwenty, 0.95)).toBeCloseTo(19.05, 10);
    expect(quantile(oneToTwenty, 0)).toBe(1);
    expect(quantile(oneToTwenty, 1)).toBe(20);
    expect(quantileSorted([10, 20], 0.25)).toBe(12.5);
  });

  it('leaves out values that are not numbers, and has no answer for nothing', () => {
    expect(sortedFinite([2, NaN, 1, Infinity])).toEqual([1, 2]);
    expect(median([NaN, 5, 1])).toBe(3);
    expect(median([])).toBeUndefined();
    expect(mean([])).toBeUndefined();
    expect(medianAndMad([NaN])).toBeUndefined();
    expect(quantile([1, 2], 1.5)).toBeUndefined();
  });

  it('takes the mean of the finite values', () => {
    expect(mean([1, 2, NaN, 6])).toBe(3);
  });

  it('gives a MAD that one extreme value does not move', () => {
    // deviations from the median 3 are 2, 1, 0, 1, 2: MAD 1
    expect(medianAndMad([1, 2, 3, 4, 5])).toEqual({ median: 3, mad: 1 });
    expect(medianAndMad([1, 2, 3, 4, 5000])).toEqual({ median: 3, mad: 1 });
    expect(medianAndMad([4, 4, 4, 4])).toEqual({ median: 4, mad: 0 });
  });

  it('scales MAD to the standard deviation of normal data', () => {
    // for a normal distribution MAD = 0.6745 sigma; the constant is its inverse
    expect(MAD_TO_SIGMA * 0.6745).toBeCloseTo(1, 3);
  });
});
