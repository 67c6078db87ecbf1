import { KubeError } from '../../kube/errors';
import { DEFAULT_LOG_LIMIT_BYTES, LogsQuery } from '../../types';
import type { VariableResolver } from '../../variableTypes';
import { TargetSelection } from './logsTargets';

/** A logs query after variables were interpolated and every name validated. */
export interface ResolvedLogsQuery extends TargetSelection {
  refId: string;
  previous: boolean;
  events: boolean;
  /** the last N lines instead of the time range */
  tailLines?: number;
  /** per container and request */
  limitBytes: number;
  /** keep polling and stream new lines */
  live: boolean;
}

function queryProblem(message: string, remedy: string): KubeError {
  return new KubeError({ kind: 'invalid', message, remedy });
}

function wholeNumber(value: unknown, min: number, what: string): number | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw queryProblem(
      `${what} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`,
      `Correct ${what} in the query editor.`
    );
  }
  return n;
}

/** Interpolates and validates; throws before any request when the query cannot be run. */
export function resolveLogsQuery(query: LogsQuery, vars: VariableResolver, liveStreaming = false): ResolvedLogsQuery {
  const namespaces = vars.names(query.namespace, 'namespace');
  const podNames = vars.names(query.podName, 'pod');
  const containers = vars.names(query.container, 'container');
  const labelSelector = vars.text(query.labelSelector);
  const tailLines = wholeNumber(query.tailLines, 0, 'Tail lines');
  const limitBytes = wholeNumber(query.limitBytes, 1, 'Byte limit') ?? DEFAULT_LOG_LIMIT_BYTES;
  if (!podNames.length && labelSelector === undefined) {
    throw queryProblem(
      'Choose a pod, or a label selector for the pods of a workload',
      'Fill in Pod (with its namespace) or Label selector, e.g. app=frontend.'
    );
  }
  if (podNames.length && !namespaces.length && labelSelector === undefined) {
    throw queryProblem(
      `Pod ${podNames.join(', ')} needs its namespace`,
      'Fill in Namespace, or use a label selector to find pods in every namespace.'
    );
  }
  return {
    refId: query.refId,
    namespaces,
    podNames,
    labelSelector,
    containers,
    includeInit: query.includeInit === true,
    previous: query.previous === true,
    events: query.events === true,
    tailLines,
    limitBytes,
    live: query.live === true || liveStreaming,
  };
}
