/** Right-sizing as table frames: per container, or per namespace (freed and missing requests). Pure. */
import { DataFrame, Field, FieldConfig, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { CORES_UNIT } from '../shared/format';
import { NamespaceSizing, SizingRow } from './sizingRows';

type Cell = string | number | null;

function field<R>(
  rows: readonly R[],
  name: string,
  type: FieldType,
  config: FieldConfig,
  value: (r: R) => Cell | undefined
): Field {
  return { name, type, config, values: rows.map((r) => value(r) ?? null) };
}

function frame(
  refId: string,
  name: string,
  fields: Field[],
  length: number,
  notices: QueryResultMetaNotice[]
): DataFrame {
  return {
    refId,
    name,
    length,
    fields,
    meta: { preferredVisualisationType: 'table', notices: notices.length ? notices : undefined },
  };
}

const cores = (displayName: string, description?: string): FieldConfig => ({
  displayName,
  unit: CORES_UNIT,
  decimals: 3,
  description,
});
const bytes = (displayName: string, description?: string): FieldConfig => ({ displayName, unit: 'bytes', description });
const text = (displayName: string, description?: string): FieldConfig => ({ displayName, description });

const change = (suggested: number | undefined, current: number | undefined) =>
  suggested === undefined ? undefined : suggested - (current ?? 0);

export function containerSizingFrame(
  rows: readonly SizingRow[],
  refId: string,
  notices: QueryResultMetaNotice[]
): DataFrame {
  const S = FieldType.string;
  const N = FieldType.number;
  const f = <T extends Cell>(
    name: string,
    type: FieldType,
    config: FieldConfig,
    value: (r: SizingRow) => T | undefined
  ) => field(rows, name, type, config, value);
  return frame(
    refId,
    'rightsizing',
    [
      f('namespace', S, text('Namespace'), (r) => r.namespace),
      f('workload', S, text('Workload'), (r) => r.workload),
      f('pod', S, text('Pod'), (r) => r.pod),
      f('container', S, text('Container'), (r) => r.container),
      f('samples', N, { displayName: 'Samples', decimals: 0, description: 'Usage samples the figures rest on' }, (r) =>
        Math.max(r.cpu?.samples ?? 0, r.memory?.samples ?? 0)
      ),
      f('cpuP50', N, cores('CPU p50'), (r) => r.cpu?.p50),
      f('cpuP95', N, cores('CPU p95'), (r) => r.cpu?.p95),
      f('cpuMax', N, cores('CPU max'), (r) => r.cpu?.max),
      f('cpuRequest', N, cores('CPU request', 'In effect (after an in-place resize)'), (r) => r.current.cpuRequest),
      f('cpuLimit', N, cores('CPU limit', 'In effect (after an in-place resize)'), (r) => r.current.cpuLimit),
      f(
        'cpuRequestSuggested',
        N,
        cores('Suggested CPU request', 'p95 × 1.15, rounded up'),
        (r) => r.suggestion.cpuRequest
      ),
      f(
        'cpuLimitSuggested',
        N,
        cores('Suggested CPU limit', 'max × 1.3, only where a CPU limit is set'),
        (r) => r.suggestion.cpuLimit
      ),
      f('cpuRequestChange', N, cores('CPU request change', 'Suggested minus in effect: below zero frees'), (r) =>
        change(r.suggestion.cpuRequest, r.current.cpuRequest)
      ),
      f('memoryP50', N, bytes('Memory p50'), (r) => r.memory?.p50),
      f('memoryP95', N, bytes('Memory p95'), (r) => r.memory?.p95),
      f('memoryMax', N, bytes('Memory max'), (r) => r.memory?.max),
      f(
        'memoryRequest',
        N,
        bytes('Memory request', 'In effect (after an in-place resize)'),
        (r) => r.current.memoryRequest
      ),
      f('memoryLimit', N, bytes('Memory limit', 'In effect (after an in-place resize)'), (r) => r.current.memoryLimit),
      f(
        'memoryRequestSuggested',
        N,
        bytes('Suggested memory request', 'p95 × 1.15, rounded up'),
        (r) => r.suggestion.memoryRequest
      ),
      f(
        'memoryLimitSuggested',
        N,
        bytes('Suggested memory limit', 'max × 1.3, rounded up'),
        (r) => r.suggestion.memoryLimit
      ),
      f('memoryRequestChange', N, bytes('Memory request change', 'Suggested minus in effect: below zero frees'), (r) =>
        change(r.suggestion.memoryRequest, r.current.memoryRequest)
      ),
      f(
        'command',
        S,
        text('Resize command', 'Applies the suggestion to the running pod (kubectl 1.32+)'),
        (r) => r.suggestion.command
      ),
      f('note', S, text('Note'), (r) => r.suggestion.note),
    ],
    rows.length,
    notices
  );
}

export function namespaceSizingFrame(
  rows: readonly NamespaceSizing[],
  refId: string,
  notices: QueryResultMetaNotice[]
): DataFrame {
  const S = FieldType.string;
  const N = FieldType.number;
  const f = <T extends Cell>(name: string, type: FieldType, config: FieldConfig, value: (r: NamespaceSizing) => T) =>
    field(rows, name, type, config, value);
  const count = (displayName: string, description: string): FieldConfig => ({ displayName, decimals: 0, description });
  return frame(
    refId,
    'rightsizing',
    [
      f('namespace', S, text('Namespace'), (r) => r.namespace),
      f('containers', N, count('Containers', 'Containers with a suggestion'), (r) => r.containers),
      f('cpuRequested', N, cores('CPU requested'), (r) => r.cpuRequested),
      f('cpuSuggested', N, cores('CPU suggested'), (r) => r.cpuSuggested),
      f(
        'cpuFreed',
        N,
        cores('CPU freed', 'Requested minus suggested: below zero is missing'),
        (r) => Math.round((r.cpuRequested - r.cpuSuggested) * 1e9) / 1e9
      ),
      f('memoryRequested', N, bytes('Memory requested'), (r) => r.memoryRequested),
      f('memorySuggested', N, bytes('Memory suggested'), (r) => r.memorySuggested),
      f(
        'memoryFreed',
        N,
        bytes('Memory freed', 'Requested minus suggested: below zero is missing'),
        (r) => r.memoryRequested - r.memorySuggested
      ),
      f(
        'overProvisioned',
        N,
        count('Over-provisioned', 'Containers requesting more than suggested'),
        (r) => r.overProvisioned
      ),
      f(
        'underProvisioned',
        N,
        count('Under-provisioned', 'Containers requesting less than suggested, or nothing'),
        (r) => r.underProvisioned
      ),
    ],
    rows.length,
    notices
  );
}
