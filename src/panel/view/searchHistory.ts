import { LOG_LEVELS } from '../../common/logLevel';
import type { PortableFilters } from './portableFilters';
import type { SearchState } from './SearchControls';

/**
 * Recent searches (per dashboard panel) and saved filters (for every panel) in the browser's localStorage.
 * Storage may be full, disabled or hold anything: every read falls back to an empty list and every write that
 * fails is dropped, so the panel works the same without it.
 */

export const HISTORY_MAX = 20;
export const SAVED_MAX = 50;

/** A search as remembered: the text with how it is matched. */
export type RememberedSearch = Pick<SearchState, 'text' | 'regex' | 'caseSensitive'>;

/** A named combination of filters. */
export interface SavedFilter extends PortableFilters {
  name: string;
}

const PREFIX = 'kubeglance.podlogs';

/** One history per dashboard and panel (the dashboard from the page path `/d/<uid>/…`). */
export function historyKey(pathname: string, panelId: number): string {
  const uid = /\/d\/([^/]+)/.exec(pathname)?.[1] ?? 'none';
  return `${PREFIX}.history.${uid}.${panelId}`;
}

export const SAVED_KEY = `${PREFIX}.savedFilters`;

function read(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether the value was stored. */
function write(key: string, value: unknown): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);
const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function loadHistory(key: string): RememberedSearch[] {
  const list = read(key);
  if (!Array.isArray(list)) {
    return [];
  }
  return list
    .map(record)
    .filter((r): r is Record<string, unknown> => r !== undefined && isString(r.text) && r.text !== '')
    .map((r) => ({ text: r.text as string, regex: r.regex === true, caseSensitive: r.caseSensitive === true }))
    .slice(0, HISTORY_MAX);
}

const sameSearch = (a: RememberedSearch, b: RememberedSearch) =>
  a.text === b.text && a.regex === b.regex && a.caseSensitive === b.caseSensitive;

/** The history with `search` first (moved up if there already), at most HISTORY_MAX long. */
export function remember(history: readonly RememberedSearch[], search: RememberedSearch): RememberedSearch[] {
  if (search.text.trim() === '') {
    return history.slice();
  }
  const entry = { text: search.text, regex: search.regex, caseSensitive: search.caseSensitive };
  return [entry, ...history.filter((h) => !sameSearch(h, entry))].slice(0, HISTORY_MAX);
}

export function storeHistory(key: string, history: readonly RememberedSearch[]): boolean {
  return write(key, history);
}

export function loadSavedFilters(): SavedFilter[] {
  const list = read(SAVED_KEY);
  if (!Array.isArray(list)) {
    return [];
  }
  const out: SavedFilter[] = [];
  for (const item of list) {
    const r = record(item);
    const search = record(r?.search);
    if (!r || !isString(r.name) || r.name.trim() === '' || !search) {
      continue;
    }
    out.push({
      name: r.name,
      search: {
        text: isString(search.text) ? search.text : '',
        regex: search.regex === true,
        caseSensitive: search.caseSensitive === true,
        onlyMatching: search.onlyMatching === true,
        exclude: strings(search.exclude),
      },
      hiddenLevels: strings(r.hiddenLevels).filter((l) => (LOG_LEVELS as readonly string[]).includes(l)),
      hiddenSources: strings(r.hiddenSources),
    });
  }
  return out.slice(0, SAVED_MAX);
}

/** The list with `filter` saved (replacing one of the same name, else first). */
export function withSaved(list: readonly SavedFilter[], filter: SavedFilter): SavedFilter[] {
  return [filter, ...list.filter((f) => f.name !== filter.name)].slice(0, SAVED_MAX);
}

export function storeSavedFilters(list: readonly SavedFilter[]): boolean {
  return write(SAVED_KEY, list);
}
