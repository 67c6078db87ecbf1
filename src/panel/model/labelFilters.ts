import { type FieldFilter, passesFieldFilters } from './fieldFilters';
import { levelAt } from './levels';
import type { LogStore } from './logStore';
import type { LabelSet, LogSource, MarkerKind } from './sources';

/**
 * A row's labels as the log details list them, and what filtering on one does. The level and the Kubernetes
 * identity (namespace, pod, container, node) map to the level and pod/container chips the reader already has;
 * any other stream label (Loki's `app`, `stream`, the data source's `marker`) hides or keeps whole streams.
 */

export const SOURCE_KEYS = ['namespace', 'pod', 'container', 'node'] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];

export interface RowLabel {
  key: string;
  value: string;
  /** what a filter on it changes: the level chips, the pod/container chips, or the stream label filters */
  kind: 'level' | 'source' | 'label';
}

const isSourceKey = (key: string): key is SourceKey => (SOURCE_KEYS as readonly string[]).includes(key);

/** The stream labels of a row (an empty set for a row whose frame carries none). */
export function labelSetOf(store: LogStore, row: number): LabelSet | undefined {
  const index = store.labelSets[row];
  return index >= 0 ? store.sourceTable.labelSets[index] : undefined;
}

/** Restart marker, pod event, or undefined for a line a container wrote. */
export function markerOf(store: LogStore, row: number): MarkerKind | undefined {
  return labelSetOf(store, row)?.marker;
}

/** Level, then namespace/pod/container/node as the panel resolved them, then the stream's other labels. */
export function rowLabels(store: LogStore, row: number): RowLabel[] {
  const out: RowLabel[] = [{ key: 'level', value: levelAt(store.levels[row]), kind: 'level' }];
  const source = store.sourceTable.list[store.sources[row]];
  for (const key of SOURCE_KEYS) {
    if (source && source[key]) {
      out.push({ key, value: source[key], kind: 'source' });
    }
  }
  const seen = new Set(out.map((l) => l.value && l.key));
  for (const [key, value] of labelSetOf(store, row)?.labels ?? []) {
    // the identity labels are listed once, above, under the names the chips use
    if (!seen.has(key) && !(isSourceKey(key) && source?.[key] === value) && key !== 'level' && value !== '') {
      out.push({ key, value, kind: 'label' });
    }
  }
  return out;
}

/**
 * The pod/container chips after "filter for" (hide every source with another value) or "filter out" (hide the
 * sources with this value) on an identity label; sources already hidden stay hidden.
 */
export function sourcesHiddenBy(
  sources: readonly LogSource[],
  hidden: readonly boolean[],
  key: SourceKey,
  value: string,
  negate: boolean
): boolean[] {
  return sources.map((s, i) => Boolean(hidden[i]) || (negate ? s[key] === value : s[key] !== value));
}

/** The level chips after "filter for" (only this level) or "filter out" (hide it). */
export function levelsHiddenBy(hidden: readonly boolean[], level: number, negate: boolean): boolean[] {
  return hidden.map((h, i) => (negate ? h || i === level : i !== level));
}

const NONE_HIDDEN: boolean[] = [];

/** Whether the stream label filters hide a row that has no stream labels at all. */
export function unlabelledHiddenBy(filters: readonly FieldFilter[]): boolean {
  return filters.length > 0 && !passesFieldFilters([], filters);
}

/**
 * Per label set, whether the stream label filters hide its rows; without filters always the same empty list, so
 * a new stream arriving does not change the filter (and start a new scan).
 */
export function labelSetsHiddenBy(sets: readonly LabelSet[], filters: readonly FieldFilter[]): boolean[] {
  return filters.length === 0 ? NONE_HIDDEN : sets.map((s) => !passesFieldFilters(s.labels, filters));
}
