import { lineFields } from './lineFields';
import type { LogStore } from './logStore';

/**
 * Field names seen in the buffer, for the displayed-fields selector. A bounded sample, newest lines first: at
 * most `maxLines` lines and `maxChars` characters are parsed on the main thread (a few milliseconds), which finds
 * the fields of the lines a reader is looking at; the stream labels (few) are all listed.
 */
export const CATALOG_LINES = 2_000;
export const CATALOG_CHARS = 1_000_000;

export interface FieldCatalog {
  /** fields of structured lines, by how many sampled lines carry them, most first */
  fields: string[];
  /** stream label names */
  labels: string[];
}

export function fieldCatalog(store: LogStore, maxLines = CATALOG_LINES, maxChars = CATALOG_CHARS): FieldCatalog {
  const counts = new Map<string, number>();
  let chars = 0;
  for (let row = store.length - 1, seen = 0; row >= 0 && seen < maxLines && chars < maxChars; row--, seen++) {
    const text = store.texts[row];
    chars += text.length;
    for (const [key] of lineFields(text) ?? []) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const labels = new Set<string>();
  for (const set of store.sourceTable.labelSets) {
    for (const [key] of set.labels) {
      labels.add(key);
    }
  }
  const fields = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  return { fields, labels: [...labels].sort() };
}
