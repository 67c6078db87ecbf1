/**
 * Pressure stall information (PSI, KubeletPSI: beta on by default from 1.34, GA in 1.36) of nodes and pods, for the
 * nodes and pods queries: the share of the last 10 s in which some task waited for CPU or memory. Read from each
 * node's Summary API with only_cpu_and_memory (the kubelet keeps the psi blocks there), through the node proxy,
 * so it needs kubelet access; a node that cannot be read is a failure of its own, the others still answer.
 */
import { type DataFrame, FieldType } from '@grafana/data';
import { map, Observable } from 'rxjs';

import type { KubeClient } from '../../kube/client';
import type { KubeError } from '../../kube/errors';
import { nodeProxyPath } from '../../kube/paths';
import { asKubeError } from '../../kube/queryError';

/** PSI "some" and "full" over the last 10 s, in percent, as the kubelet reports them. */
export interface Pressure {
  cpuSome10?: number;
  memorySome10?: number;
  memoryFull10?: number;
}

export interface PressureRead {
  /** by node name */
  nodes: Map<string, Pressure>;
  /** by `namespace/pod` */
  pods: Map<string, Pressure>;
  failures: Array<{ node: string; error: KubeError }>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const avg10 = (block: unknown, kind: 'some' | 'full') => num(obj(obj(obj(block)?.psi)?.[kind])?.avg10);

/** A stats row's CPU and memory pressure; undefined when the kubelet sent none (an older one, or the gate off). */
export function pressureOf(row: unknown): Pressure | undefined {
  const o = obj(row);
  const p: Pressure = {};
  const cpuSome10 = avg10(o?.cpu, 'some');
  const memorySome10 = avg10(o?.memory, 'some');
  const memoryFull10 = avg10(o?.memory, 'full');
  if (cpuSome10 !== undefined) {
    p.cpuSome10 = cpuSome10;
  }
  if (memorySome10 !== undefined) {
    p.memorySome10 = memorySome10;
  }
  if (memoryFull10 !== undefined) {
    p.memoryFull10 = memoryFull10;
  }
  return Object.keys(p).length ? p : undefined;
}

/** Adds one node's Summary body to what is read. */
export function addSummary(read: PressureRead, node: string, body: unknown): void {
  const summary = obj(body);
  const nodePressure = pressureOf(summary?.node);
  if (nodePressure) {
    read.nodes.set(node, nodePressure);
  }
  const pods = Array.isArray(summary?.pods) ? summary.pods : [];
  for (const pod of pods) {
    const ref = obj(obj(pod)?.podRef);
    const p = pressureOf(pod);
    if (p && typeof ref?.namespace === 'string' && typeof ref.name === 'string') {
      read.pods.set(`${ref.namespace}/${ref.name}`, p);
    }
  }
}

export function readPressure(
  client: KubeClient,
  nodes: readonly string[],
  concurrency: number
): Observable<PressureRead> {
  const unique = [...new Set(nodes.filter((n) => n))];
  const path = (node: string) => nodeProxyPath(node, 'stats/summary');
  return client
    .fanOut(unique, (node) => client.getJson<unknown>(path(node), { only_cpu_and_memory: true }), concurrency)
    .pipe(
      map((results) => {
        const read: PressureRead = { nodes: new Map(), pods: new Map(), failures: [] };
        for (const r of results) {
          if (r.error) {
            read.failures.push({ node: r.key, error: asKubeError(r.error, path(r.key)) });
          } else {
            addSummary(read, r.key, r.value);
          }
        }
        return read;
      })
    );
}

/** The notice for nodes whose pressure could not be read: how many, and why for the first. */
export function pressureFailureText(failures: PressureRead['failures'], describe: (e: KubeError) => string): string {
  const [first] = failures;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more node(s))` : '';
  return `Pressure is missing for node ${first.node}${more}: ${describe(first.error)}`;
}

/** The pressure columns: name, title, and which value of a Pressure each holds. */
export const PRESSURE_COLUMNS: ReadonlyArray<{ name: string; displayName: string; key: keyof Pressure }> = [
  { name: 'cpuPressure', displayName: 'CPU pressure (10s)', key: 'cpuSome10' },
  { name: 'memoryPressure', displayName: 'Memory pressure (10s)', key: 'memorySome10' },
  { name: 'memoryPressureFull', displayName: 'Memory pressure, full (10s)', key: 'memoryFull10' },
];

const PSI_DESCRIPTION =
  'Share of the last 10 s in which some task waited for the resource ("full": all tasks), from the kubelet (PSI)';

/** The pressure fields of a frame, one per column some row has a value for (none from kubelets without PSI). */
export function pressureFields(rows: ReadonlyArray<Pressure | undefined>): DataFrame['fields'] {
  return PRESSURE_COLUMNS.map(({ name, displayName, key }) => ({
    name,
    type: FieldType.number,
    values: rows.map((p) => p?.[key] ?? null),
    config: { displayName, unit: 'percent', min: 0, max: 100, description: PSI_DESCRIPTION },
  })).filter((f) => f.values.some((v) => v !== null));
}
