import { InvalidNameError, isValidName, NameKind, validateName } from './names';

// Good/bad values are facts from the Kubernetes test suite (kubernetes/apimachinery
// pkg/util/validation/validation_test.go, TestIsDNS1123Label / TestIsDNS1123Subdomain, Apache-2.0).
// prettier-ignore
const LABEL_GOOD = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)];
// prettier-ignore
const LABEL_BAD = [
  '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
  '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64),
];
// prettier-ignore
const SUBDOMAIN_GOOD = [
  'a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a.a', 'ab.a', 'abc.a',
  'a1.a', 'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1', 'a--1--2--b.1', '0.a', '01.a', '012.a',
  '1a.a', '1-a.a', '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1', 'a.b.c.d.e', 'aa.bb.cc.dd.ee',
  '1.2.3.4.5', '11.22.33.44.55', 'a'.repeat(253),
];
// prettier-ignore
const SUBDOMAIN_BAD = [
  '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
  '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'A.a', 'aB.a', 'ab.A',
  'A1.a', 'a1.A', 'A.1', 'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A', 'A.B.C.D.E',
  'AA.BB.CC.DD.EE', 'a.B.c.d.e', 'aa.bB.cc.dd.ee', 'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254),
];

// Names that try to escape their path segment or slip past a reader's eye.
const HOSTILE = [
  '',
  '.',
  '..',
  '../x',
  '..%2F..',
  'a/b',
  '/a',
  'a/',
  '%2F',
  'a%2Fb',
  '%2e%2e',
  'ÄBC',
  'äbc',
  'аbc', // Cyrillic а
  'ab\u200bc', // zero-width space
  'ａbc', // full-width a
  'a b',
  'a\u0000b',
  'a\u0000',
  'a\nb',
  'a\\b',
  'a?b',
  'a#b',
  'a&b',
  'Kube-System',
  '-kube',
  'kube-',
];

const LABEL_KINDS: NameKind[] = ['namespace', 'container'];
const SUBDOMAIN_KINDS: NameKind[] = ['pod', 'node', 'object'];
const ALL_KINDS: NameKind[] = [...LABEL_KINDS, ...SUBDOMAIN_KINDS];

describe.each(LABEL_KINDS)('%s names (DNS-1123 label)', (kind) => {
  it.each(LABEL_GOOD)('accepts %p', (v) => {
    expect(isValidName(kind, v)).toBe(true);
    expect(validateName(kind, v)).toBe(v);
  });

  it.each(LABEL_BAD)('rejects %p', (v) => {
    expect(isValidName(kind, v)).toBe(false);
    expect(() => validateName(kind, v)).toThrow(InvalidNameError);
  });

  it('rejects dotted names that are fine as node names', () => {
    expect(isValidName(kind, 'node-1.example.com')).toBe(false);
  });
});

describe.each(SUBDOMAIN_KINDS)('%s names (DNS-1123 subdomain)', (kind) => {
  it.each(SUBDOMAIN_GOOD)('accepts %p', (v) => {
    expect(isValidName(kind, v)).toBe(true);
    expect(validateName(kind, v)).toBe(v);
  });

  it.each(SUBDOMAIN_BAD)('rejects %p', (v) => {
    expect(isValidName(kind, v)).toBe(false);
    expect(() => validateName(kind, v)).toThrow(InvalidNameError);
  });

  it('accepts a 253-character name made of labels, and allows labels longer than 63 inside it', () => {
    const name = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    expect(name).toHaveLength(253);
    expect(isValidName(kind, name)).toBe(true);
    expect(isValidName(kind, `${'a'.repeat(100)}.b`)).toBe(true);
    expect(isValidName(kind, `${name}e`)).toBe(false);
  });
});

describe.each(ALL_KINDS)('hostile %s names', (kind) => {
  it.each(HOSTILE)('rejects %p', (v) => {
    expect(isValidName(kind, v)).toBe(false);
    expect(() => validateName(kind, v)).toThrow(InvalidNameError);
  });

  it('accepts kube-system', () => {
    expect(validateName(kind, 'kube-system')).toBe('kube-system');
  });
});

describe('kind-specific limits', () => {
  it('node-1.example.com is a valid node and pod name but not a namespace or container', () => {
    expect(isValidName('node', 'node-1.example.com')).toBe(true);
    expect(isValidName('pod', 'node-1.example.com')).toBe(true);
    expect(isValidName('namespace', 'node-1.example.com')).toBe(false);
    expect(isValidName('container', 'node-1.example.com')).toBe(false);
  });

  it('a 64-character name is too long for a namespace but fine for a pod', () => {
    const v = 'a'.repeat(64);
    expect(isValidName('namespace', v)).toBe(false);
    expect(isValidName('pod', v)).toBe(true);
  });
});

describe('InvalidNameError', () => {
  function catchError(kind: NameKind, value: string): InvalidNameError {
    try {
      validateName(kind, value);
    } catch (e) {
      if (e instanceof InvalidNameError) {
        return e;
      }
      throw e;
    }
    throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  }

  it('names the value, the kind and the subdomain rule', () => {
    const err = catchError('pod', 'Foo_bar');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('InvalidNameError');
    expect(err.kind).toBe('pod');
    expect(err.value).toBe('Foo_bar');
    expect(err.message).toBe(
      '"Foo_bar" is not a valid pod name: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric ' +
        "characters, '-' or '.', and must start and end with an alphanumeric character (for example \"example.com\")"
    );
    expect(err.message.endsWith(err.reason)).toBe(true);
  });

  it('uses the label rule for namespaces', () => {
    expect(catchError('namespace', 'My_ns').reason).toMatch(/^a lowercase RFC 1123 label must consist of/);
  });

  it('explains length, emptiness and path-segment problems specifically', () => {
    expect(catchError('namespace', 'a'.repeat(64)).reason).toBe('must be no more than 63 characters');
    expect(catchError('node', 'a'.repeat(254)).reason).toBe('must be no more than 253 characters');
    expect(catchError('pod', '').reason).toBe('must not be empty');
    expect(catchError('pod', '..').reason).toBe("may not be '.' or '..'");
    expect(catchError('pod', '../x').reason).toBe("may not contain '/'");
    expect(catchError('pod', 'a%2Fb').reason).toBe("may not contain '%'");
  });

  it('shows control characters visibly and keeps huge values out of the message', () => {
    expect(catchError('pod', 'a\u0000b').message).toMatch(/^"a\\u0000b" is not a valid pod name/);
    const huge = 'A'.repeat(10000);
    const err = catchError('pod', huge);
    expect(err.value).toBe(huge);
    expect(err.message.length).toBeLessThan(500);
  });

  it('rejects non-strings from untyped callers', () => {
    expect(isValidName('pod', undefined as unknown as string)).toBe(false);
    expect(() => validateName('namespace', null as unknown as string)).toThrow(InvalidNameError);
  });
});
