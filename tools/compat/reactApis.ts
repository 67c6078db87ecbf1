/**
 * React APIs that React 19 removed (or, for propTypes, ignores), as they show in built, minified JavaScript.
 * Grafana 13.2 and later run plugins on React 19 and share their React with them, so a plugin's module.js,
 * including the packages it bundles, must use none of them. Grafana 12.4 runs React 18.3, where they still
 * work but warn.
 */
export interface RemovedApi {
  /** what React's upgrade guide calls it */
  name: string;
  /** how it appears in built code */
  pattern: RegExp;
}

export const REMOVED_REACT_APIS: readonly RemovedApi[] = [
  { name: 'ReactDOM.findDOMNode', pattern: /\bfindDOMNode\b/ },
  // plugins render through Grafana, never into a root of their own, so any .render( or .hydrate( call is one
  { name: 'ReactDOM.render / hydrate', pattern: /\.(render|hydrate)\(/ },
  { name: 'ReactDOM.unmountComponentAtNode', pattern: /\bunmountComponentAtNode\b/ },
  {
    name: 'legacy context (contextTypes, childContextTypes, getChildContext)',
    pattern: /\b(childContextTypes|contextTypes|getChildContext)\b/,
  },
  { name: 'string refs', pattern: /\bref:\s*["'`]|\bthis\.refs\b/ },
  { name: 'defaultProps (removed for function components)', pattern: /\bdefaultProps\b/ },
  { name: 'propTypes (ignored by React 19)', pattern: /\bpropTypes\b/ },
  { name: 'React.createFactory', pattern: /\bcreateFactory\b/ },
  { name: 'react-dom/test-utils', pattern: /react-dom\/test-utils/ },
  { name: 'React internals renamed in 19', pattern: /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/ },
  // a bundled React or JSX runtime would make elements the host's React does not accept
  { name: 'a bundled copy of React', pattern: /react\.(transitional\.)?element/ },
];

export interface Finding {
  api: string;
  /** the match with a little context */
  excerpt: string;
}

/** Every removed API that `code` uses. */
export function findRemovedReactApis(code: string): Finding[] {
  const findings: Finding[] = [];
  for (const { name, pattern } of REMOVED_REACT_APIS) {
    const global = new RegExp(pattern.source, 'g');
    for (const m of code.matchAll(global)) {
      const at = m.index ?? 0;
      findings.push({ api: name, excerpt: code.slice(Math.max(0, at - 40), at + m[0].length + 40) });
    }
  }
  return findings;
}
