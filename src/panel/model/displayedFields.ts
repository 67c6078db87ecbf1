import { rowLabels } from './labelFilters';
import { fieldValue, lineFields } from './lineFields';
import type { LogStore } from './logStore';

/**
 * The displayed fields of a row, in the order chosen: a field of the line (JSON/logfmt) first, else a label of
 * the row (level, pod, a stream label) by that name. Fields the row does not have are left out; a row with none
 * of them shows its whole line instead (never a blank row).
 */
export function displayedValues(store: LogStore, row: number, keys: readonly string[]): Array<[string, string]> {
  if (keys.length === 0) {
    return [];
  }
  const fields = lineFields(store.texts[row]);
  let labels: Map<string, string> | undefined;
  const out: Array<[string, string]> = [];
  for (const key of keys) {
    let value = fieldValue(fields, key);
    if (value === undefined) {
      labels ??= new Map(rowLabels(store, row).map((l) => [l.key, l.value]));
      value = labels.get(key);
    }
    if (value !== undefined) {
      out.push([key, value]);
    }
  }
  return out;
}
