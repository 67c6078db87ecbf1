/**
 * Lookup tables over a cluster (pods by node, by owner, objects by key), built once and rebuilt only
 * when an array is replaced or changes length, so requests against a 150k-pod cluster stay linear.
 */
import type { SimCluster, SimNode, SimPod, SimWorkload } from './model';

export interface ClusterIndex {
  podsByNode: Map<string, SimPod[]>;
  podsByOwner: Map<string, SimPod[]>;
  workloadsByOwner: Map<string, SimWorkload[]>;
  nodeByName: Map<string, SimNode>;
  podByKey: Map<string, SimPod>;
  workloadByUid: Map<string, SimWorkload>;
}

interface Cached {
  signature: unknown[];
  index: ClusterIndex;
}

const cache = new WeakMap<SimCluster, Cached>();

function signatureOf(c: SimCluster): unknown[] {
  return [c.pods, c.pods.length, c.nodes, c.nodes.length, c.workloads, c.workloads.length];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) {
    list.push(v);
  } else {
    m.set(k, [v]);
  }
}

export function clusterIndex(c: SimCluster): ClusterIndex {
  const sig = signatureOf(c);
  const hit = cache.get(c);
  if (hit && hit.signature.every((v, i) => v === sig[i])) {
    return hit.index;
  }
  const index: ClusterIndex = {
    podsByNode: new Map(),
    podsByOwner: new Map(),
    workloadsByOwner: new Map(),
    nodeByName: new Map(),
    podByKey: new Map(),
    workloadByUid: new Map(),
  };
  for (const n of c.nodes) {
    index.nodeByName.set(n.name, n);
  }
  for (const p of c.pods) {
    if (p.nodeName) {
      push(index.podsByNode, p.nodeName, p);
    }
    if (p.owner) {
      push(index.podsByOwner, p.owner.uid, p);
    }
    index.podByKey.set(`${p.namespace}/${p.name}`, p);
  }
  for (const w of c.workloads) {
    index.workloadByUid.set(w.uid, w);
    if (w.owner) {
      push(index.workloadsByOwner, w.owner.uid, w);
    }
  }
  cache.set(c, { signature: sig, index });
  return index;
}

/** Sorted copies of object arrays, by (namespace, name) like etcd keys, cached per array identity and length. */
const sortedCache = new WeakMap<object, { length: number; sorted: unknown[] }>();

export function sortedByKey<T extends { name: string; namespace?: string }>(items: T[]): T[] {
  const hit = sortedCache.get(items);
  if (hit && hit.length === items.length) {
    return hit.sorted as T[];
  }
  const keyed = items.map((it) => ({ k: `${it.namespace ?? ''}/${it.name}`, it }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const sorted = keyed.map((x) => x.it);
  sortedCache.set(items, { length: items.length, sorted });
  return sorted;
}

export function objectKey(it: { name: string; namespace?: string }): string {
  return `${it.namespace ?? ''}/${it.name}`;
}
