import { formatMatchers, matchesAll, MatcherSyntaxError, parseMatchers } from './matchers';

function syntaxError(text: string): MatcherSyntaxError {
  try {
    parseMatchers(text);
  } catch (err) {
    if (err instanceof MatcherSyntaxError) {
      return err;
    }
    throw err;
  }
  throw new Error(`parsed without error: ${text}`);
}

const matches = (text: string, labels: Record<string, string>, name?: string) =>
  matchesAll(parseMatchers(text), labels, name);

describe('parseMatchers', () => {
  it('reads every operator, with or without braces and spaces', () => {
    const ms = parseMatchers(' namespace="shop",container != "" , pod=~"web-.*",  image!~\'.*pause.*\', ');
    expect(ms.map(({ name, op, value }) => ({ name, op, value }))).toEqual([
      { name: 'namespace', op: '=', value: 'shop' },
      { name: 'container', op: '!=', value: '' },
      { name: 'pod', op: '=~', value: 'web-.*' },
      { name: 'image', op: '!~', value: '.*pause.*' },
    ]);
    expect(parseMatchers('{a="1", b!="2"}')).toHaveLength(2);
    expect(parseMatchers('')).toEqual([]);
    expect(parseMatchers('  {}  ')).toEqual([]);
  });

  it('unescapes quoted values; backquotes are raw', () => {
    expect(parseMatchers('a="say \\"hi\\"\\n\\\\"')[0].value).toBe('say "hi"\n\\');
    expect(parseMatchers("a='it\\'s'")[0].value).toBe("it's");
    expect(parseMatchers('a="\\u00e9\\x41"')[0].value).toBe('éA');
    expect(parseMatchers('a=`C:\\path\\n`')[0].value).toBe('C:\\path\\n');
    expect(parseMatchers('a=~"\\\\d+"')[0].regex!.test('123')).toBe(true);
  });

  it('names the problem and its position', () => {
    expect(syntaxError('a="1" b="2"')).toMatchObject({ position: 6 });
    expect(syntaxError('a="1" b="2"').message).toBe(
      `Label matchers: expected ',' between matchers, found "b" at position 7`
    );
    expect(syntaxError('9a="1"').message).toContain('expected a label name, found "9" at position 1');
    expect(syntaxError('a=="1"').message).toContain('expected a quoted value');
    expect(syntaxError('a<"1"').message).toContain('expected =, !=, =~ or !~ after "a" at position 2');
    expect(syntaxError('a=shop').message).toContain('expected a quoted value');
    expect(syntaxError('a="open').message).toContain('no closing quote at position 3');
    expect(syntaxError('a="x\\q"').message).toContain('invalid escape \\q');
    expect(syntaxError('{a="1"').message).toContain("missing the closing '}'");
    expect(syntaxError('{a="1"} b').message).toContain("unexpected text after '}'");
    expect(syntaxError('a="1",,').message).toContain('expected a label name, found ","');
  });

  it('refuses an invalid regex with its position', () => {
    const err = syntaxError('ns="x", pod=~"web-(["');
    expect(err.position).toBe(13);
    expect(err.message).toMatch(/^Label matchers: invalid regular expression "web-\(\[" \(.+\) at position 14$/);
    expect(syntaxError('a!~"*"').message).toContain('invalid regular expression "*"');
  });
});

describe('matchesAll', () => {
  const labels = { namespace: 'shop', pod: 'web-1', container: 'app' };

  it('= and != compare whole values; a missing label is the empty string', () => {
    expect(matches('namespace="shop"', labels)).toBe(true);
    expect(matches('namespace="sho"', labels)).toBe(false);
    expect(matches('namespace!="shop"', labels)).toBe(false);
    expect(matches('image=""', labels)).toBe(true);
    expect(matches('image!=""', labels)).toBe(false);
    expect(matches('container!=""', labels)).toBe(true);
  });

  it('=~ and !~ are anchored at both ends, like PromQL', () => {
    expect(matches('pod=~"web"', labels)).toBe(false);
    expect(matches('pod=~"eb-1"', labels)).toBe(false);
    expect(matches('pod=~"web-.*"', labels)).toBe(true);
    expect(matches('pod=~"web-1|db-1"', labels)).toBe(true);
    expect(matches('pod!~"web"', labels)).toBe(true);
    expect(matches('pod!~"web-\\\\d"', labels)).toBe(false);
    // alternation stays inside the anchors: "a|web-1x" must not match "web-1" by a prefix
    expect(matches('pod=~"x|web-"', labels)).toBe(false);
    expect(matches('image=~".*"', labels)).toBe(true);
    expect(matches('image=~".+"', labels)).toBe(false);
  });

  it('every matcher must hold; __name__ is the sample name', () => {
    expect(matches('namespace="shop", pod=~"web-.*", container!="app"', labels)).toBe(false);
    expect(matches('namespace="shop", pod=~"web-.*", container="app"', labels)).toBe(true);
    expect(matches('__name__=~".*_total"', labels, 'x_total')).toBe(true);
    expect(matches('__name__=~".*_total"', labels, 'x_sum')).toBe(false);
  });

  it('a regex is reused without state between calls', () => {
    const ms = parseMatchers('pod=~"web-.*"');
    expect([1, 2, 3].map(() => matchesAll(ms, labels))).toEqual([true, true, true]);
  });

  it('formats back to a canonical text', () => {
    expect(formatMatchers(parseMatchers(`{a='x"y', b!~"c.*"}`))).toBe('a="x\\"y", b!~"c.*"');
  });
});
