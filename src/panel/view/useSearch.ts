import { useCallback, useState } from 'react';

import { compileExclude, compileSearch, globalOf } from '../model/search';
import type { SearchState } from './SearchControls';

export interface AppliedSearch {
  search?: RegExp;
  /** the same pattern with the g flag, for marking every match */
  highlight?: RegExp;
  exclude?: RegExp;
}

interface State {
  input: SearchState;
  applied: AppliedSearch;
  error?: string;
}

function apply(input: SearchState, previous: AppliedSearch): Pick<State, 'applied' | 'error'> {
  const opts = { regex: input.regex, caseSensitive: input.caseSensitive };
  const search = compileSearch(input.text, opts);
  const exclude = compileExclude(input.exclude, opts);
  const applied: AppliedSearch = {
    search: search.ok ? search.re : previous.search,
    highlight: search.ok ? search.re && globalOf(search.re) : previous.highlight,
    exclude: exclude.ok ? exclude.re : previous.exclude,
  };
  const error = !search.ok
    ? `Invalid regular expression: ${search.error}`
    : !exclude.ok
      ? `Invalid exclude pattern ${exclude.error}`
      : undefined;
  return { applied, error };
}

/**
 * What the reader typed and the filter in force. An input that does not compile leaves the last valid filter
 * applied and reports why, so a half-typed `(` does not blank the panel.
 */
export function useSearch(initial: SearchState) {
  const [state, setState] = useState<State>(() => ({ input: initial, ...apply(initial, {}) }));
  const update = useCallback((next: Partial<SearchState>) => {
    setState((prev) => {
      const input = { ...prev.input, ...next };
      return { input, ...apply(input, prev.applied) };
    });
  }, []);
  return { input: state.input, applied: state.applied, error: state.error, update };
}
