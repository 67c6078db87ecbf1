/** @jest-environment node */
import { HOST_IDS, HOSTS, hostVersions, rewriteSpecifier } from './hosts';

describe('playground hosts', () => {
  it('are Grafana 13 with React 19 and Grafana 12.4 with React 18, from the installed packages', () => {
    expect(HOST_IDS).toEqual(['grafana-13', 'grafana-12']);
    const g13 = hostVersions('grafana-13');
    const g12 = hostVersions('grafana-12');
    expect(g13.grafana).toMatch(/^13\.\d+\.\d+$/);
    expect(g13.react).toMatch(/^19\.\d+\.\d+$/);
    expect(g12.grafana).toMatch(/^12\.4\.\d+$/);
    expect(g12.react).toMatch(/^18\.\d+\.\d+$/);
    expect(g12.label).toBe(`grafana-${g12.grafana} react-${g12.react}`);
  });

  it.each([
    ['react', 'react-18'],
    ['react/jsx-runtime', 'react-18/jsx-runtime'],
    ['react-dom', 'react-dom-18'],
    ['react-dom/client', 'react-dom-18/client'],
    ['@grafana/ui', 'grafana-ui-12'],
    ['@grafana/data/unstable', 'grafana-data-12/unstable'],
    ['@grafana/i18n', 'grafana-i18n-12'],
  ])('the Grafana 12 host takes %s from %s', (specifier, target) => {
    expect(rewriteSpecifier(HOSTS['grafana-12'], specifier)).toBe(target);
  });

  it.each(['react-select', 'react-dom-18', 'reactjs', '@grafana/e2e-selectors', '@grafana/uikit', 'rxjs'])(
    'the Grafana 12 host leaves %s as it is',
    (specifier) => {
      expect(rewriteSpecifier(HOSTS['grafana-12'], specifier)).toBeUndefined();
    }
  );

  it('the Grafana 13 host takes every package under its own name', () => {
    for (const specifier of ['react', 'react-dom/client', '@grafana/ui', '@grafana/data']) {
      expect(rewriteSpecifier(HOSTS['grafana-13'], specifier)).toBeUndefined();
    }
  });
});
