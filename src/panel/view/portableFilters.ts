import { LOG_LEVELS } from '../../common/logLevel';
import type { LogStore } from '../model/logStore';
import type { SearchState } from './SearchControls';

/**
 * The reader's filters in a form that outlives the page: levels by name and pods/containers by source key,
 * not by index. A shared link (urlState.ts) and a saved filter (searchHistory.ts) both carry them.
 */
export interface PortableFilters {
  search: Pick<SearchState, 'text' | 'regex' | 'caseSensitive' | 'onlyMatching' | 'exclude'>;
  /** level names */
  hiddenLevels: string[];
  /** source keys (namespace/pod/container) */
  hiddenSources: string[];
}

/** The filters of a session, by name and key. */
export function portableFilters(
  session: { search: SearchState; hiddenLevels: readonly boolean[]; hiddenSources: readonly boolean[] },
  store: LogStore
): PortableFilters {
  const { text, regex, caseSensitive, onlyMatching, exclude } = session.search;
  return {
    search: { text, regex, caseSensitive, onlyMatching, exclude },
    hiddenLevels: LOG_LEVELS.filter((_, i) => session.hiddenLevels[i]),
    hiddenSources: store.sourceTable.list.filter((_, i) => session.hiddenSources[i]).map((s) => s.key),
  };
}

/** Per level index, whether the named levels hide it. */
export function levelsHiddenByName(names: readonly string[]): boolean[] {
  return LOG_LEVELS.map((level) => names.includes(level));
}

/** Per source the store holds, whether the keys hide it. */
export function sourcesHiddenByKey(store: LogStore, keys: readonly string[]): boolean[] {
  return store.sourceTable.list.map((s) => keys.includes(s.key));
}
