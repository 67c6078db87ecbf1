import { fieldValue, type LineFields } from './lineFields';

/**
 * Field filters from the log details: "filter for" keeps lines whose structured field has the value, "filter
 * out" drops them. The engine tests them on lines (their JSON or logfmt fields); markers and lines of a stack
 * trace go with the line that heads them (see filterEngine.ts).
 */
export interface FieldFilter {
  key: string;
  value: string;
  /** true: filter out (hide lines with this value) */
  negate: boolean;
}

/**
 * Whether a line with these fields passes. Filters on different keys must all hold; several "filter for" values
 * of one key keep a line with any of them (status=500 or status=503). A line without the field (or that is not
 * structured) fails "filter for" and passes "filter out".
 */
export function passesFieldFilters(fields: LineFields | undefined, filters: readonly FieldFilter[]): boolean {
  const wanted = new Map<string, boolean>();
  for (const f of filters) {
    const value = fieldValue(fields, f.key);
    if (f.negate) {
      if (value === f.value) {
        return false;
      }
    } else {
      wanted.set(f.key, wanted.get(f.key) === true || value === f.value);
    }
  }
  for (const ok of wanted.values()) {
    if (!ok) {
      return false;
    }
  }
  return true;
}

const same = (a: FieldFilter, b: FieldFilter) => a.key === b.key && a.value === b.value;

/** The list with `filter` added; one already there for the same value with the other sense is replaced. */
export function withFieldFilter(list: readonly FieldFilter[], filter: FieldFilter): FieldFilter[] {
  if (list.some((f) => same(f, filter) && f.negate === filter.negate)) {
    return list.slice();
  }
  return [...list.filter((f) => !same(f, filter)), filter];
}

export function withoutFieldFilter(list: readonly FieldFilter[], filter: FieldFilter): FieldFilter[] {
  return list.filter((f) => !(same(f, filter) && f.negate === filter.negate));
}

/** How a chip names the filter: `status = 500`, `status ≠ 500`. */
export function fieldFilterText(f: FieldFilter): string {
  return `${f.key} ${f.negate ? '≠' : '='} ${f.value === '' ? '""' : f.value}`;
}
