/**
 * A node's swap device size, `status.nodeInfo.swap.capacity` (NodeSwapStatus, 1.30+): bytes, set by a kubelet
 * on a node with swap and left out otherwise. Read beside the shared Node decoding, which does not carry it.
 */
import type { NodeObject } from '../../decode/apiTypes';

/** Swap capacity in bytes by node name, only for nodes that report one (a non-negative integer). */
export function nodeSwapCapacities(items: readonly unknown[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const node = item as NodeObject | null;
    const name = node?.metadata?.name;
    const capacity: unknown = node?.status?.nodeInfo?.swap?.capacity;
    if (typeof name === 'string' && typeof capacity === 'number' && Number.isInteger(capacity) && capacity >= 0) {
      out.set(name, capacity);
    }
  }
  return out;
}
