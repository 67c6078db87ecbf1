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

/**
 * Interns sources so each row stores one small integer. A table only grows; a panel sees few distinct
 * pod/container pairs compared with its lines.
 */
export class SourceTable {
  readonly list: LogSource[] = [];
  private readonly byKey = new Map<string, number>();

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

  get size(): number {
    return this.list.length;
  }

  /** True when some line names a pod or a container, so the view shows the source column and chips. */
  get anyKnown(): boolean {
    return this.list.some((s) => s.label !== '');
  }
}
