/**
 * Pressure stall information (PSI) of nodes and pods as the nodes and pods queries show it: the share of the last
 * 10 s in which some task waited for CPU or memory, read from a kubelet Summary. Pure, so frames and benchmarks
 * can use it without the client.
 */
import { type DataFrame, FieldType } from '@grafana/data';

/** PSI "some" and "full" over the last 10 s, in percent, as the kubelet reports them. */
export interface Pressure {
  cpuSome10?: number;
  memorySome10?: number;
  memoryFull10?: number;
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

/** A node's Summary body: the node's pressure and each pod's, keyed `namespace/pod`. */
export function summaryPressure(body: unknown): { node?: Pressure; pods: Map<string, Pressure> } {
  const summary = obj(body);
  const pods = new Map<string, Pressure>();
  for (const pod of Array.isArray(summary?.pods) ? summary.pods : []) {
    const ref = obj(obj(pod)?.podRef);
    const p = pressureOf(pod);
    if (p && typeof ref?.namespace === 'string' && typeof ref.name === 'string') {
      pods.set(`${ref.namespace}/${ref.name}`, p);
    }
  }
  return { node: pressureOf(summary?.node), pods };
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
