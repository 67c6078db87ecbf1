import { fieldValue, lineFields, MAX_FIELD_LINE, MAX_FIELDS } from './lineFields';

describe('lineFields', () => {
  it('flattens a JSON object to dotted keys, values as text', () => {
    expect(lineFields('  {"msg":"paid","http":{"status":500,"ok":false},"tags":["a","b"],"user":null} ')).toEqual([
      ['msg', 'paid'],
      ['http.status', '500'],
      ['http.ok', 'false'],
      ['tags', '["a","b"]'],
      ['user', 'null'],
    ]);
  });

  it('reads logfmt, quoted values unescaped', () => {
    expect(lineFields('level=warn msg="cache \\"miss\\"" took=3ms')).toEqual([
      ['level', 'warn'],
      ['msg', 'cache "miss"'],
      ['took', '3ms'],
    ]);
  });

  it('has no fields for plain text, a JSON array, broken JSON, or a line too long to parse', () => {
    expect(lineFields('GET /cart 500')).toBeUndefined();
    expect(lineFields('[1,2]')).toBeUndefined();
    expect(lineFields('{"a": ')).toBeUndefined();
    expect(lineFields(`{"a":"${'x'.repeat(MAX_FIELD_LINE)}"}`)).toBeUndefined();
  });

  it('keeps deep objects as JSON text and cuts lines with very many fields', () => {
    expect(lineFields('{"a":{"b":{"c":{"d":{"e":1}}}}}')).toEqual([['a.b.c.d', '{"e":1}']]);
    const many = Object.fromEntries(Array.from({ length: MAX_FIELDS + 50 }, (_, i) => [`k${i}`, i]));
    expect(lineFields(JSON.stringify(many))).toHaveLength(MAX_FIELDS);
  });

  it('finds a value by key', () => {
    const fields = lineFields('{"user":"bob","n":2}');
    expect(fieldValue(fields, 'n')).toBe('2');
    expect(fieldValue(fields, 'missing')).toBeUndefined();
    expect(fieldValue(undefined, 'n')).toBeUndefined();
  });
});
