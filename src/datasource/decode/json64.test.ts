import { Json64Object, Json64SyntaxError, parseJson64 } from './json64';

describe('parseJson64', () => {
  it.each([
    '{}',
    '[]',
    'null',
    'true',
    'false',
    '0',
    '-0',
    '42',
    '-17',
    '3.25',
    '-1.5e-7',
    '1E+3',
    '6.02e23',
    '1e-400',
    '123456789012345',
    '9007199254740991',
    '-9007199254740991',
    '""',
    '"plain"',
    '"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t"',
    '"\\u00e9\\u4e2d\\ud83d\\ude00 é 中 😀"',
    '"\\ud800 lone surrogate"',
    ' \t\r\n{ "a" : [ 1 , { "b" : null } , "c" ] , "d" : { } } \n',
    '{"a":1,"a":2}',
    '[[[[[]]]],[{"x":[true,false,null]}]]',
    '{"node":{"nodeName":"n1","cpu":{"time":"2024-01-01T00:00:00Z","usageNanoCores":38604362}}}',
  ])('reads %s as JSON.parse does', (text) => {
    expect(parseJson64(text)).toEqual(JSON.parse(text));
  });

  it('keeps -0', () => {
    expect(Object.is(parseJson64('-0'), -0)).toBe(true);
  });

  it('returns integers past 2^53 as exact bigint', () => {
    expect(parseJson64('18446744073709551615')).toBe(BigInt('18446744073709551615'));
    expect(parseJson64('9007199254740993')).toBe(BigInt('9007199254740993'));
    expect(parseJson64('-9007199254740993')).toBe(BigInt('-9007199254740993'));
    expect(parseJson64('123456789012345678901234567890')).toBe(BigInt('123456789012345678901234567890'));
    expect(parseJson64('{"usageCoreNanoSeconds":18446744073709551615}')).toEqual({
      usageCoreNanoSeconds: BigInt('18446744073709551615'),
    });
    // what JSON.parse would have made of it
    expect(BigInt(JSON.parse('18446744073709551615'))).not.toBe(BigInt('18446744073709551615'));
  });

  it('keeps long integers that are still safe as numbers', () => {
    expect(parseJson64('1234567890123456')).toBe(1234567890123456);
    expect(parseJson64('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseJson64('-9007199254740991')).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('reads numbers with a fraction or exponent as numbers, however large', () => {
    expect(parseJson64('18446744073709551615.0')).toBe(Number('18446744073709551615'));
    expect(parseJson64('1e20')).toBe(1e20);
  });

  it('makes __proto__ an own property, not the prototype', () => {
    const o = parseJson64('{"__proto__":{"polluted":true},"a":1}') as Json64Object;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reuses repeated keys without mixing up keys that look alike', () => {
    const text = JSON.stringify([
      { time: 1, tame: 2, usageBytes: 3 },
      { time: 4, tame: 5, usedBytes: 6 },
      { tim: 7, times: 8, emit: 9 },
    ]);
    expect(parseJson64(text)).toEqual(JSON.parse(text));
  });

  it.each([
    '',
    ' ',
    '{',
    '}',
    '[1,]',
    '[,1]',
    '{"a":1,}',
    '{,}',
    '{"a" 1}',
    '{a:1}',
    "{'a':1}",
    '[1 2]',
    '1 2',
    '01',
    '-01',
    '1.',
    '.5',
    '-',
    '+1',
    '1e',
    '1e+',
    '0x10',
    'NaN',
    'Infinity',
    'tru',
    'nul',
    'True',
    '"abc',
    '"a\nb"',
    '"tab\there"',
    '"\\x41"',
    '"\\u12G4"',
    '"\\u12"',
    '["a"',
  ])('rejects %j like JSON.parse', (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseJson64(text)).toThrow(Json64SyntaxError);
  });

  it('says where reading stopped', () => {
    let caught: unknown;
    try {
      parseJson64('{"a": x}');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Json64SyntaxError);
    expect((caught as Json64SyntaxError).position).toBe(6);
    expect((caught as Json64SyntaxError).message).toMatch(/position 6/);
  });

  it('refuses nesting deeper than 1000 instead of overflowing the stack', () => {
    expect(() => parseJson64('['.repeat(100_000) + ']'.repeat(100_000))).toThrow(/nesting/);
    const deepOk = '['.repeat(1000) + ']'.repeat(1000);
    expect(parseJson64(deepOk)).toEqual(JSON.parse(deepOk));
  });
});
