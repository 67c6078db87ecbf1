/** Where a line came from. Empty strings when the frame does not say. */
export interface LogSource {
  namespace: string;
  pod: string;
  container: string;
  node: string;
  /** `namespace/pod/container`, unique per source */
  key: string;
  /** what the row and the downloaded file show: `pod/container`, `pod` or the container alone */
  label: string;
}

export function sourceLabel(pod: string, container: string): string {
  if (pod && container) {
    return `${pod}/${container}`;
  }
  return pod || container;
}

/** The narrowest a source column gets, and the widest, in characters. */
export const MIN_SOURCE_CHARS = 8;
export const MAX_SOURCE_CHARS = 40;

/** Cuts the middle out of text so it fits `max` characters. */
function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  if (max <= 1) {
    return '…'.slice(0, max);
  }
  const head = Math.ceil((max - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/**
 * A source's label in at most `max` characters: the container name stays whole (it is short and tells the
 * containers of one pod apart); the pod name loses its middle, where generated suffixes are, before it does.
 */
export function fitSourceLabel(source: Pick<LogSource, 'pod' | 'container' | 'label'>, max: number): string {
  if (source.label.length <= max) {
    return source.label;
  }
  const { pod, container } = source;
  if (!pod || !container) {
    return middleEllipsis(source.label, max);
  }
  const podRoom = max - container.length - 1;
  if (podRoom >= 4) {
    return `${middleEllipsis(pod, podRoom)}/${container}`;
  }
  return middleEllipsis(source.label, max);
}

/** The source column's width: the longest label, within MIN_SOURCE_CHARS..MAX_SOURCE_CHARS. */
export function sourceColumnChars(sources: readonly LogSource[]): number {
  let longest = 0;
  for (const s of sources) {
    longest = Math.max(longest, s.label.length);
  }
  return Math.max(MIN_SOURCE_CHARS, Math.min(MAX_SOURCE_CHARS, longest));
}

/** Rows the data source adds to a stream rather than lines a container wrote (label `marker`). */
export type MarkerKind = 'restart' | 'event';

/**
 * One stream's labels (a frame's `labels` object, shared by every line of the stream), interned like sources:
 * labels are per stream, so a row keeps one small integer (LogStore.labelSets) rather than an object.
 */
export interface LabelSet {
  /** the labels as string pairs, in the frame's order */
  labels: Array<[string, string]>;
  /** set on the rows of a marker stream (restart markers and pod events) */
  marker?: MarkerKind;
}

function markerKind(value: unknown): MarkerKind | undefined {
  return value === 'restart' || value === 'event' ? value : undefined;
}

/**
 * Interns sources so each row stores one small integer. A table only grows; a panel sees few distinct
 * pod/container pairs compared with its lines.
 */
export class SourceTable {
  readonly list: LogSource[] = [];
  private readonly byKey = new Map<string, number>();
  /** label sets of the streams seen (LogStore.labelSets indexes this); only grows */
  readonly labelSets: LabelSet[] = [];
  /** label objects already interned: a stream's rows share one object */
  private readonly labelsByObject = new WeakMap<object, number>();
  private readonly labelsByKey = new Map<string, number>();

  intern(namespace: string, pod: string, container: string, node: string): number {
    const key = `${namespace}/${pod}/${container}`;
    const found = this.byKey.get(key);
    if (found !== undefined) {
      const known = this.list[found];
      if (!known.node && node) {
        known.node = node;
      }
      return found;
    }
    const index = this.list.length;
    this.list.push({ namespace, pod, container, node, key, label: sourceLabel(pod, container) });
    this.byKey.set(key, index);
    return index;
  }

  /** The label set index of a frame's labels object (one lookup per stream once seen). */
  internLabels(labels: object): number {
    const known = this.labelsByObject.get(labels);
    if (known !== undefined) {
      return known;
    }
    const pairs: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(labels)) {
      if (v != null && typeof v !== 'object') {
        pairs.push([k, String(v)]);
      }
    }
    // equal labels in different objects (each query result brings new ones) share an index
    const key = JSON.stringify(pairs);
    let index = this.labelsByKey.get(key);
    if (index === undefined) {
      index = this.labelSets.length;
      this.labelSets.push({ labels: pairs, marker: markerKind((labels as Record<string, unknown>).marker) });
      this.labelsByKey.set(key, index);
    }
    this.labelsByObject.set(labels, index);
    return index;
  }

  /** Label set indices of marker streams, for the filter engine. */
  markerLabelSets(): number[] {
    const out: number[] = [];
    this.labelSets.forEach((s, i) => s.marker && out.push(i));
    return out;
  }

  get size(): number {
    return this.list.length;
  }

  /** True when some line names a pod or a container, so the view shows the source column and chips. */
  get anyKnown(): boolean {
    return this.list.some((s) => s.label !== '');
  }
}
