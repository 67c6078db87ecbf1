import { dedupKey, type DedupMode, numbersKey, sameKey, signatureKey } from './dedupKeys';

describe('dedup keys', () => {
  it('numbers: every number (decimal, 0x hex, UUID) is one placeholder', () => {
    expect(numbersKey('took 12 ms')).toBe(numbersKey('took 15 ms'));
    expect(numbersKey('took 12 ms')).toBe(numbersKey('took 15.25 ms'));
    expect(numbersKey('addr=0x1f pid 7')).toBe(numbersKey('addr=0xdeadBEEF pid 12345'));
    expect(numbersKey('req 550e8400-e29b-41d4-a716-446655440000 done')).toBe(
      numbersKey('req 123e4567-e89b-12d3-a456-426614174000 done')
    );
    expect(numbersKey('pod-7 v2')).toBe(numbersKey('pod-8 v3'));
    expect(numbersKey('took 12 ms')).not.toBe(numbersKey('took 12 s'));
    // a version's dots separate numbers; a trailing dot is punctuation
    expect(numbersKey('v1.2.3.')).toBe(numbersKey('v10.20.30.'));
    expect(numbersKey('no numbers here')).toBe('no numbers here');
  });

  it('numbers: words made of hex letters are kept, so different words stay different', () => {
    expect(numbersKey('deadbeef')).not.toBe(numbersKey('cafebabe'));
    expect(numbersKey('0xZZ')).toBe(numbersKey('0xZZ'));
    expect(numbersKey('0xZZ')).not.toBe(numbersKey('1xZZ') + '!');
  });

  it('signature: only punctuation and spacing count', () => {
    expect(signatureKey('user alice logged in (3 tries)')).toBe(signatureKey('user bob logged out (12 tries)'));
    expect(signatureKey('user alice logged in')).not.toBe(signatureKey('user alice logged in!'));
    expect(signatureKey('a_b-c')).toBe('-');
    expect(signatureKey('')).toBe('');
  });

  it('exact: the text itself', () => {
    expect(dedupKey('exact', 'took 12 ms')).not.toBe(dedupKey('exact', 'took 15 ms'));
    expect(dedupKey('numbers', 'took 12 ms')).toBe(dedupKey('numbers', 'took 15 ms'));
  });

  it('sameKey (what the engine runs, without building keys) agrees with the keys', () => {
    const lines = [
      'took 12 ms',
      'took 15.5 ms',
      'took 1.ms',
      'took ms',
      'took 0x1f ms',
      'took x1f ms',
      'id 550e8400-e29b-41d4-a716-446655440000',
      'id 550e8400-e29b-41d4-a716-44665544000g',
      'id 7',
      'user alice: in',
      'user bob: out',
      'user: in',
      '',
      '12',
      'a1b2',
      'a_b',
    ];
    for (const mode of ['exact', 'numbers', 'signature'] as DedupMode[]) {
      for (const a of lines) {
        for (const b of lines) {
          expect([mode, a, b, sameKey(mode, a, b)]).toEqual([mode, a, b, dedupKey(mode, a) === dedupKey(mode, b)]);
        }
      }
    }
  });

  it('scans a long hostile line in one pass', () => {
    const line = '0x'.repeat(50_000) + '1.'.repeat(50_000) + '550e8400-'.repeat(10_000);
    // no timing: a backtracking pattern would not return at all; the keys are linear in the text
    expect(numbersKey(line).length).toBeLessThanOrEqual(line.length);
    expect(signatureKey(line).length).toBeLessThanOrEqual(line.length);
    expect(sameKey('numbers', line, line + '1')).toBe(false);
    expect(sameKey('signature', line, line.replace(/0/g, '1'))).toBe(true);
  });
});
