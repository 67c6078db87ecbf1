/** @jest-environment node */
import { escapeHelp, escapeLabelValue, formatPromValue, renderFamilies } from './promtext';
import { parsePromText } from './promtextCheck';

describe('formatPromValue (Go strconv FormatFloat g -1, as client_golang writes values)', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [-1, '-1'],
    [10, '10'],
    [357.35491, '357.35491'],
    [4.710169, '4.710169'],
    [123456, '123456'],
    [999999, '999999'],
    [1e6, '1e+06'],
    [12533760, '1.253376e+07'],
    [1616273408, '1.616273408e+09'],
    [1624396248.3020916, '1.6243962483020916e+09'],
    [1.6e22, '1.6e+22'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2.5e-7, '2.5e-07'],
    [-2.5e-7, '-2.5e-07'],
    [7e-9, '7e-09'],
    [1e100, '1e+100'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%p -> %s', (v, want) => {
    expect(formatPromValue(v)).toBe(want);
  });

  it('round-trips every value it prints', () => {
    for (const v of [Math.PI, 1 / 3, 2 ** 53 + 2, 1795431599.451, 0.000123456789, 98765.4321]) {
      expect(Number(formatPromValue(v))).toBe(v);
    }
  });
});

describe('escaping', () => {
  it('escapes backslash, quote and newline in label values and nothing else', () => {
    expect(escapeLabelValue('system-serial\\x2dgetty.slice')).toBe('system-serial\\\\x2dgetty.slice');
    expect(escapeLabelValue('say "hi"\nbye\t')).toBe('say \\"hi\\"\\nbye\t');
  });

  it('escapes backslash and newline in HELP, but not quotes', () => {
    expect(escapeHelp('a "b" \\ c\nd')).toBe('a "b" \\\\ c\\nd');
  });
});

describe('renderFamilies', () => {
  const body = renderFamilies([
    { name: 'zeta_total', help: 'Z.', type: 'counter', samples: [{ labels: {}, value: 3, tsMs: 1700000000123 }] },
    { name: 'empty', help: 'Left out.', type: 'gauge', samples: [] },
    {
      name: 'alpha_bytes',
      help: 'A.',
      type: 'gauge',
      samples: [
        { labels: { pod: 'p1', container: 'b', namespace: 'n' }, value: 2 },
        { labels: { pod: 'p2', container: 'a', namespace: 'n' }, value: 1e7 },
        { labels: { pod: 'p0', container: 'a', namespace: 'm' }, value: 0.5 },
      ],
    },
  ]);

  it('sorts families by name, labels by name and samples by label values, and skips empty families', () => {
    expect(body).toBe(
      [
        '# HELP alpha_bytes A.',
        '# TYPE alpha_bytes gauge',
        'alpha_bytes{container="a",namespace="m",pod="p0"} 0.5',
        'alpha_bytes{container="a",namespace="n",pod="p2"} 1e+07',
        'alpha_bytes{container="b",namespace="n",pod="p1"} 2',
        '# HELP zeta_total Z.',
        '# TYPE zeta_total counter',
        'zeta_total 3 1700000000123',
        '',
      ].join('\n')
    );
  });

  it('produces text the strict parser accepts', () => {
    expect(parsePromText(body).map((f) => f.name)).toEqual(['alpha_bytes', 'zeta_total']);
  });
});

describe('parsePromText (the strict checker the other tests rely on)', () => {
  it.each([
    ['no final newline', 'a 1'],
    ['TYPE after samples', 'a 1\n# TYPE a gauge\n'],
    ['second TYPE', '# TYPE a gauge\n# TYPE a gauge\na 1\n'],
    ['split family', 'a 1\nb 1\na{x="1"} 2\n'],
    ['tab escape', 'a{x="\\t"} 1\n'],
    ['hex float', 'a 0x1p3\n'],
    ['duplicate series', 'a{x="1"} 1\na{x="1"} 2\n'],
    ['float timestamp', 'a 1 1.5\n'],
    ['stray comment', '# hello\na 1\n'],
  ])('rejects %s', (_, text) => {
    expect(() => parsePromText(text)).toThrow();
  });

  it('reads escaped label values back', () => {
    const [f] = parsePromText('a{id="/x\\\\y",q="\\"",n="\\n"} 1 5\n');
    expect(f.samples[0]).toEqual({ name: 'a', labels: { id: '/x\\y', q: '"', n: '\n' }, value: 1, tsMs: 5 });
  });
});
