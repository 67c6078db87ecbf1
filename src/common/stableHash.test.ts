import { stableHash } from './stableHash';

describe('stableHash', () => {
  it('gives the same number for the same text and different numbers for near misses', () => {
    expect(stableHash('api-7d9f-x1')).toBe(stableHash('api-7d9f-x1'));
    expect(stableHash('api-7d9f-x1')).not.toBe(stableHash('api-7d9f-x2'));
    expect(stableHash('')).toBe(0x811c9dc5);
  });
});
