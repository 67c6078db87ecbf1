import { parseQuantity, parseQuantityOrUndefined, QuantityError, quantityToNumber } from './quantity';
import { INT64_MAX_AS_DOUBLE, UPSTREAM_INVALID, UPSTREAM_PARSE_CASES } from './quantity.cases';

function negated(v: number): number {
  return v === 0 ? 0 : -v;
}

describe('parseQuantity: upstream corpus', () => {
  it.each(UPSTREAM_PARSE_CASES)('%s -> %p', (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });

  it.each(UPSTREAM_PARSE_CASES)('-%s is the negated value (never -0)', (input, value) => {
    expect(parseQuantity(`-${input}`)).toBe(negated(value));
  });

  it.each(UPSTREAM_PARSE_CASES)('+%s is the same value', (input, value) => {
    expect(parseQuantity(`+${input}`)).toBe(value);
  });

  it.each(UPSTREAM_INVALID)('rejects %p', (input) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
  });
});

describe('parseQuantity: values seen in real payloads', () => {
  it.each([
    ['487558164n', 0.487558164],
    ['7338891n', 0.007338891],
    ['732212Ki', 749785088],
    ['100m', 0.1],
    ['250m', 0.25],
    ['1.5', 1.5],
    ['1.5Gi', 1610612736],
    ['1536Mi', 1610612736],
    ['2', 2],
    ['128974848', 128974848],
    ['129e6', 129000000],
    ['123Mi', 128974848],
  ])('%s -> %p', (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });
});

describe('parseQuantity: every suffix', () => {
  it.each([
    ['3n', 3e-9],
    ['3u', 3e-6],
    ['3m', 0.003],
    ['3', 3],
    ['3k', 3e3],
    ['3M', 3e6],
    ['3G', 3e9],
    ['3T', 3e12],
    ['3P', 3e15],
    ['3E', 3e18],
    ['3Ki', 3 * 1024],
    ['3Mi', 3 * 1024 ** 2],
    ['3Gi', 3 * 1024 ** 3],
    ['3Ti', 3 * 1024 ** 4],
    ['3Pi', 3 * 1024 ** 5],
    ['3Ei', 3 * 1024 ** 6],
  ])('%s -> %p', (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });
});

describe('parseQuantity: exponents', () => {
  it.each([
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['12e+6', 12e6],
    ['12E+6', 12e6],
    ['1e0', 1],
    ['1e03', 1000],
    ['1e-9', 1e-9],
    ['2.5e-3', 0.0025],
    ['.5e1', 5],
    ['1.e2', 100],
    ['1e22', 1e22],
    ['1e23', 1e23],
    ['1e308', 1e308],
  ])('%s -> %p', (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });

  it('treats a lone E as exa but Ei as exbi', () => {
    expect(parseQuantity('2E')).toBe(2e18);
    expect(parseQuantity('2Ei')).toBe(2 * 2 ** 60);
  });

  it('rejects values too large for a double instead of returning Infinity', () => {
    expect(() => parseQuantity('1e309')).toThrow('out of range');
    expect(() => parseQuantity('1e99999999999999999999')).toThrow('out of range');
  });

  it('rounds tiny exponents up to one nano like the API server', () => {
    expect(parseQuantity('1e-400')).toBe(1e-9);
    expect(parseQuantity('-1e-99999999999999999999')).toBe(-1e-9);
  });
});

describe('parseQuantity: signs, fractions, leading zeros', () => {
  it.each([
    ['0001', 1],
    ['000.5', 0.5],
    ['-0', 0],
    ['+0', 0],
    ['-0.0Ki', 0],
    ['0e5', 0],
    ['-100m', -0.1],
    ['+1.5Gi', 1610612736],
    ['.5', 0.5],
    ['5.', 5],
    ['0.1', 0.1],
    ['0.2', 0.2],
    ['0.3', 0.3],
    ['1.1m', 0.0011],
    ['1.000000000', 1],
  ])('%s -> %p', (input, value) => {
    expect(parseQuantity(input)).toBe(value);
  });

  it('rounds sub-nano magnitudes away from zero', () => {
    expect(parseQuantity('3.001n')).toBe(4e-9);
    expect(parseQuantity('-3.001n')).toBe(-4e-9);
    expect(parseQuantity('1.0000000001')).toBe(1.000000001);
    expect(parseQuantity('1.0000000000')).toBe(1);
  });

  it('caps binary quantities at the int64 maximum but leaves decimal ones alone', () => {
    expect(parseQuantity('16Ei')).toBe(INT64_MAX_AS_DOUBLE);
    expect(parseQuantity('-100Ei')).toBe(-INT64_MAX_AS_DOUBLE);
    expect(parseQuantity('100E')).toBe(1e20);
  });

  it('is exact for long mantissas (beyond 15 digits) too', () => {
    expect(parseQuantity('123456789012345678')).toBe(Number('123456789012345678'));
    expect(parseQuantity('1234567890.123456789')).toBe(Number('1234567890.123456789'));
    expect(parseQuantity('1234567890123456789012345678901234567890k')).toBe(
      Number('1234567890123456789012345678901234567890e3')
    );
    expect(parseQuantity('0.1234567890123456789Ki')).toBe(126.419751949); // exactly 126.4197519486419751936, rounded up to nano
  });

  it('gives the same double as the decimal literal for many generated values', () => {
    // Deterministic LCG so a failure is reproducible.
    let seed = 12345;
    const next = (mod: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % mod;
    };
    const mismatches: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const int = String(next(1000000));
      const frac = String(next(1000000000))
        .padStart(9, '0')
        .slice(0, 1 + next(9));
      const text = `${int}.${frac}`;
      if (parseQuantity(text) !== Number(text)) {
        mismatches.push(text);
      }
      if (parseQuantity(`${int}n`) !== Number(`${int}e-9`)) {
        mismatches.push(`${int}n`);
      }
      if (parseQuantity(`${int}m`) !== Number(`${int}e-3`)) {
        mismatches.push(`${int}m`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('parseQuantity: rejections', () => {
  it.each([
    '',
    ' ',
    ' 1',
    '1 ',
    '1 Mi',
    '\t1',
    '1\n',
    '1.1.M',
    '0.1mi',
    '.5i',
    '1i',
    'Ki',
    'i',
    '1KB',
    '1e',
    '1E+',
    '1e-',
    '1e1.5',
    '1ee3',
    '1e3k',
    '--1',
    '-+1',
    '+',
    '-',
    '.',
    '+.',
    '-.',
    '..5',
    '1..5',
    '1MiMi',
    '1kM',
    '1Mi1',
    '1ki',
    '1mi',
    '1gi',
    '1K',
    '1Ki ',
    '1µ',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1,5',
    '1_000',
    '１',
    '1\u0000',
  ])('rejects %p', (input) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
  });

  it('names the text and the reason in the error', () => {
    let caught: unknown;
    try {
      parseQuantity('1.1.M');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QuantityError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as QuantityError;
    expect(err.name).toBe('QuantityError');
    expect(err.text).toBe('1.1.M');
    expect(err.message).toMatch(/^invalid quantity "1\.1\.M": .*suffix ".M"/);
    expect(err.reason.length).toBeGreaterThan(0);
  });

  it('keeps the message short for huge inputs', () => {
    const huge = 'x'.repeat(100000);
    expect(() => parseQuantity(huge)).toThrow(QuantityError);
    try {
      parseQuantity(huge);
    } catch (e) {
      expect((e as Error).message.length).toBeLessThan(400);
      expect((e as QuantityError).text).toBe(huge);
    }
  });

  it('rejects non-string input from untyped callers', () => {
    expect(() => parseQuantity(undefined as unknown as string)).toThrow(QuantityError);
    expect(() => parseQuantity(5 as unknown as string)).toThrow(QuantityError);
  });
});

describe('parseQuantityOrUndefined', () => {
  it('keeps absent fields absent', () => {
    expect(parseQuantityOrUndefined(undefined)).toBeUndefined();
    expect(parseQuantityOrUndefined(null)).toBeUndefined();
  });

  it('parses present text and still rejects bad text', () => {
    expect(parseQuantityOrUndefined('1Ki')).toBe(1024);
    expect(() => parseQuantityOrUndefined('')).toThrow(QuantityError);
    expect(() => parseQuantityOrUndefined('abc')).toThrow('invalid quantity "abc"');
  });
});

describe('quantityToNumber', () => {
  it('accepts strings and bare JSON numbers', () => {
    expect(quantityToNumber('100m')).toBe(0.1);
    expect(quantityToNumber(5)).toBe(5);
    expect(quantityToNumber(0.25)).toBe(0.25);
    expect(quantityToNumber(-3)).toBe(-3);
    expect(quantityToNumber(1e21)).toBe(1e21);
    expect(quantityToNumber(-0)).toBe(0);
  });

  it('treats a bare number like its JSON text, so sub-nano values round up', () => {
    expect(quantityToNumber(1e-12)).toBe(1e-9);
    expect(quantityToNumber(0.1234567891234)).toBe(0.12345679);
  });

  it('returns undefined for absent values', () => {
    expect(quantityToNumber(undefined)).toBeUndefined();
    expect(quantityToNumber(null)).toBeUndefined();
  });

  it.each([NaN, Infinity, -Infinity, true, {}, [], '1 Mi'])('rejects %p', (v) => {
    expect(() => quantityToNumber(v)).toThrow(QuantityError);
  });
});
