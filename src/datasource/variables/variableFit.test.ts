import { DATASOURCE_PLUGIN_ID, variableFits, type VariableLike } from './variableFit';

const own = (name: string, kind: string): VariableLike => ({
  name,
  type: 'query',
  datasource: { uid: 'k', type: DATASOURCE_PLUGIN_ID },
  query: { kind, refId: 'v' },
  current: { value: 'x' },
});
const custom = (name: string, value: string | string[]): VariableLike => ({ name, type: 'custom', current: { value } });

describe('variableFits', () => {
  it('offers our own variables only where their kind fits', () => {
    expect(variableFits(own('ns', 'namespaces'), 'namespaces')).toBe(true);
    expect(variableFits(own('ns', 'namespaces'), 'nodes')).toBe(false);
    expect(variableFits(own('where', 'nodes'), 'nodes')).toBe(true);
    expect(variableFits(own('where', 'nodes'), 'pods')).toBe(false);
  });

  it('does not offer $namespace as a node, whatever data source fills it', () => {
    const prom: VariableLike = {
      name: 'namespace',
      type: 'query',
      datasource: { uid: 'p', type: 'prometheus' },
      query: 'label_values(kube_pod_info, namespace)',
      current: { value: 'default' },
    };
    expect(variableFits(prom, 'nodes')).toBe(false);
    expect(variableFits(prom, 'namespaces')).toBe(true);
  });

  it('drops a variable whose current values are no valid names of the kind', () => {
    expect(variableFits(custom('team', 'Payments Team'), 'namespaces')).toBe(false);
    expect(variableFits(custom('team', ['payments', 'search']), 'namespaces')).toBe(true);
    // container names are DNS labels: a dot does not fit
    expect(variableFits(custom('target', 'web.v2'), 'containers')).toBe(false);
    expect(variableFits(custom('target', 'web.v2'), 'nodes')).toBe(true);
  });

  it('keeps a variable whose values are not known here (All, nested variables)', () => {
    expect(variableFits(custom('scope', '$__all'), 'pods')).toBe(true);
    expect(variableFits(custom('scope', '${other}'), 'pods')).toBe(true);
  });

  it('for fields that are not names, offers every variable that does not name another kind', () => {
    expect(variableFits(custom('namespace', 'default'), 'labelKeys')).toBe(false);
    expect(variableFits(custom('key', 'app'), 'labelKeys')).toBe(true);
  });
});
