import { matchRanges, MAX_RANGES, splitRuns } from './highlight';

describe('matchRanges', () => {
  it('gives nothing without a search', () => {
    expect(matchRanges('abc', undefined)).toEqual([]);
  });

  it('asks the matcher for at most MAX_RANGES matches', () => {
    const matcher = { test: () => true, ranges: jest.fn(() => [[0, 1] as [number, number]]) };
    expect(matchRanges('abc', matcher)).toEqual([[0, 1]]);
    expect(matcher.ranges).toHaveBeenCalledWith('abc', MAX_RANGES);
  });
});

describe('splitRuns', () => {
  it('cuts runs at match edges, across run boundaries', () => {
    const runs = [
      { text: 'status ', data: 'plain' },
      { text: 'FAILED', data: 'red' },
      { text: ' now', data: 'plain' },
    ];
    expect(splitRuns(runs, [[5, 9]])).toEqual([
      { text: 'statu', data: 'plain', highlighted: false },
      { text: 's ', data: 'plain', highlighted: true },
      { text: 'FA', data: 'red', highlighted: true },
      { text: 'ILED', data: 'red', highlighted: false },
      { text: ' now', data: 'plain', highlighted: false },
    ]);
  });

  it('keeps the runs when nothing matches', () => {
    expect(splitRuns([{ text: 'abc', data: 1 }], [])).toEqual([{ text: 'abc', data: 1, highlighted: false }]);
  });
});
