import { matchRanges, splitRuns } from './highlight';

describe('matchRanges', () => {
  it('finds every match', () => {
    expect(matchRanges('error, Error, ERROR', /error/gi)).toEqual([
      [0, 5],
      [7, 12],
      [14, 19],
    ]);
  });

  it('skips empty matches instead of looping', () => {
    expect(matchRanges('abc', /x*/g)).toEqual([]);
    expect(matchRanges('aab', /a*/g)).toEqual([[0, 2]]);
  });

  it('gives nothing without a search', () => {
    expect(matchRanges('abc', undefined)).toEqual([]);
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
