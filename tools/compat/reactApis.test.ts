/** @jest-environment node */
/*
 * The built plugins (dist/, after `npm run build`) use no React API that React 19 removed, in our code or in
 * the packages the build bundles, so they run on Grafana 13.2+ (React 19) as on Grafana 12.4 (React 18).
 */
import fs from 'fs';
import { globSync } from 'glob';
import path from 'path';
import semver from 'semver';

import { findRemovedReactApis, REMOVED_REACT_APIS } from './reactApis';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const MODULES = ['module.js', 'datasource/module.js', 'panel/module.js'];

/** The npm packages a built module holds, from its source map. */
function bundledPackages(module: string): string[] {
  const map = JSON.parse(fs.readFileSync(path.join(dist, `${module}.map`), 'utf8')) as { sources: string[] };
  const names = map.sources
    .filter((s) => s.includes('node_modules/') && !s.endsWith('grafana-public-path.js'))
    .map((s) => {
      const rest = s.slice(s.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
      return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    });
  return [...new Set(names)].sort();
}

describe('React 19: the APIs it removed', () => {
  it.each([
    ['ReactDOM.findDOMNode', 'var n=o.findDOMNode(this);'],
    ['ReactDOM.render / hydrate', 'i.render(t.createElement(A,null),document.getElementById("x"))'],
    ['ReactDOM.unmountComponentAtNode', 'i.unmountComponentAtNode(e)'],
    ['legacy context (contextTypes, childContextTypes, getChildContext)', 'A.childContextTypes={a:x};'],
    ['string refs', 't.createElement("input",{ref:"name"})'],
    ['string refs', 'this.refs.name.focus()'],
    ['defaultProps (removed for function components)', 'function B(e){return e.x}B.defaultProps={x:1};'],
    ['propTypes (ignored by React 19)', 'B.propTypes={x:r.number}'],
    ['React.createFactory', 'var f=t.createFactory("div")'],
    ['a bundled copy of React', 'var s=Symbol.for("react.transitional.element")'],
  ])('the check finds %s in %j', (api, code) => {
    expect(findRemovedReactApis(code).map((f) => f.api)).toContain(api);
  });

  it.each([
    'const root=createRoot(el);',
    'e.useRef(null);t.createElement("div",{ref:n})',
    'const x={render:1,refsCount:2};',
    '(0,i.flushSync)(()=>r())',
  ])('the check passes code that uses React 19 APIs only: %j', (code) => {
    expect(findRemovedReactApis(code)).toEqual([]);
  });

  it('lists the APIs the React 19 upgrade guide removes', () => {
    expect(REMOVED_REACT_APIS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(MODULES)('dist/%s uses none of them', (module) => {
    const code = fs.readFileSync(path.join(dist, module), 'utf8');
    expect(findRemovedReactApis(code)).toEqual([]);
  });

  it("the plugins' own sources use none of them", () => {
    const files = globSync('src/**/*.{ts,tsx}', { cwd: root, ignore: ['**/*.test.ts', '**/*.test.tsx'] });
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) =>
      findRemovedReactApis(fs.readFileSync(path.join(root, f), 'utf8')).map((x) => `${f}: ${x.api}`)
    );
    expect(found).toEqual([]);
  });

  it('the packages the build bundles are the ones checked for React 19', () => {
    // React, react-dom, @grafana/* and rxjs come from Grafana at run time (webpack externals); these are ours.
    // A new one must be checked (its React peer range, and this test on the build) before it is listed.
    expect(Object.fromEntries(MODULES.map((m) => [m, bundledPackages(m)]))).toEqual({
      'module.js': [],
      'datasource/module.js': [],
      'panel/module.js': ['@tanstack/react-virtual', '@tanstack/virtual-core', 'ansi-sequence-parser'],
    });
  });

  it('every bundled package that names a React peer accepts React 18 and 19', () => {
    const bundled = [...new Set(MODULES.flatMap(bundledPackages))];
    for (const name of bundled) {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
      for (const peer of ['react', 'react-dom']) {
        const range: string | undefined = pkg.peerDependencies?.[peer];
        if (range) {
          expect([name, peer, semver.satisfies('19.2.0', range), semver.satisfies('18.3.1', range)]).toEqual([
            name,
            peer,
            true,
            true,
          ]);
        }
      }
    }
  });
});
