import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';

function sel(s: string) {
  const r = parseLabelSelector(s);
  if (!r.ok) {
    throw new Error(r.message);
  }
  return (labels: Record<string, string>) => matchLabels(r.value, labels);
}

const web = { app: 'web', tier: 'frontend', 'node-role.kubernetes.io/control-plane': '' };
const db = { app: 'db', tier: 'backend' };

describe('label selectors', () => {
  it('matches equality requirements (=, ==, !=)', () => {
    expect(sel('app=web')(web)).toBe(true);
    expect(sel('app==web')(db)).toBe(false);
    expect(sel('app!=web')(db)).toBe(true);
    expect(sel('missing!=x')(db)).toBe(true);
    expect(sel('app=web,tier=backend')(web)).toBe(false);
  });

  it('matches set-based requirements (in, notin)', () => {
    expect(sel('app in (web, db)')(db)).toBe(true);
    expect(sel('app in (cache)')(db)).toBe(false);
    expect(sel('tier notin (frontend)')(db)).toBe(true);
    expect(sel('tier notin (frontend)')(web)).toBe(false);
    expect(sel('missing notin (x)')(web)).toBe(true);
  });

  it('matches existence (key) and non-existence (!key), including prefixed keys with empty values', () => {
    expect(sel('node-role.kubernetes.io/control-plane')(web)).toBe(true);
    expect(sel('node-role.kubernetes.io/control-plane')(db)).toBe(false);
    expect(sel('!node-role.kubernetes.io/control-plane')(db)).toBe(true);
    expect(sel('!app')(db)).toBe(false);
  });

  it('selects everything with an empty selector', () => {
    expect(sel('')(db)).toBe(true);
  });

  it('rejects malformed selectors with a parse message', () => {
    for (const bad of ['app=', '=web', 'app in web', 'app in (a', 'app x', 'bad key=1', 'app=a/b', 'a,,b']) {
      const r = parseLabelSelector(bad);
      if (bad === 'app=') {
        // an empty value is valid: "app" equals ""
        expect(r.ok).toBe(true);
        continue;
      }
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(/^unable to parse requirement: /);
      }
    }
  });
});

describe('field selectors', () => {
  const fields: Record<string, string> = { 'metadata.name': 'web-0', 'spec.nodeName': '', 'status.phase': 'Running' };
  const match = (s: string) => {
    const r = parseFieldSelector(s);
    if (!r.ok) {
      throw new Error(r.message);
    }
    return matchFields(r.value, (f) => fields[f]);
  };

  it('supports =, == and != and ANDs terms', () => {
    expect(match('metadata.name=web-0')).toBe(true);
    expect(match('metadata.name==web-1')).toBe(false);
    expect(match('status.phase!=Pending,metadata.name=web-0')).toBe(true);
    expect(match('spec.nodeName=')).toBe(true);
  });

  it('unescapes \\, and \\= in values', () => {
    const r = parseFieldSelector('metadata.name=a\\,b');
    expect(r.ok && r.value[0].value).toBe('a,b');
  });

  it('rejects terms without an operator', () => {
    const r = parseFieldSelector('metadata.name');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/invalid selector/);
  });
});
