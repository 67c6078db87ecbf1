import { FieldType } from '@grafana/data';

import { parseKubeTime } from '../../../decode/kubeTime';
import { secondsBetween } from '../../../decode/k8sAge';
import { ageSpec, buildColumns, ColumnSpec, count, nameSpec, namespaceSpec, ObjectColumn } from './columns';
import { JobObj } from './kubeObjects';

function hasCondition(job: JobObj, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c?.type === type && c.status === 'True');
}

/** kubectl's job STATUS: the first true of Complete, Failed, (deleting), Suspended, FailureTarget, SuccessCriteriaMet, else Running. */
export function jobStatus(job: JobObj): string {
  if (hasCondition(job, 'Complete')) {
    return 'Complete';
  }
  if (hasCondition(job, 'Failed')) {
    return 'Failed';
  }
  if (job.metadata?.deletionTimestamp) {
    return 'Terminating';
  }
  for (const type of ['Suspended', 'FailureTarget', 'SuccessCriteriaMet']) {
    if (hasCondition(job, type)) {
      return type;
    }
  }
  return 'Running';
}

/** "succeeded/completions"; without completions a job wants one success ("0/1 of 3" when it runs 3 at once). */
export function jobCompletions(job: JobObj): string {
  const succeeded = count(job.status?.succeeded);
  const completions = job.spec?.completions;
  if (typeof completions === 'number') {
    return `${succeeded}/${completions}`;
  }
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Seconds from start to completion, or to now while it runs; null before it started. */
export function jobDurationSeconds(job: JobObj, nowMs: number): number | null {
  const start = parseKubeTime(job.status?.startTime);
  if (start === undefined) {
    return null;
  }
  return secondsBetween(start, parseKubeTime(job.status?.completionTime) ?? nowMs);
}

const SPECS: ReadonlyArray<ColumnSpec<JobObj>> = [
  namespaceSpec(),
  nameSpec(),
  { name: 'status', displayName: 'Status', type: FieldType.string, value: jobStatus },
  { name: 'completions', displayName: 'Completions', type: FieldType.string, value: jobCompletions },
  {
    name: 'duration',
    displayName: 'Duration',
    type: FieldType.number,
    unit: 'dtdurations',
    value: jobDurationSeconds,
  },
  ageSpec(),
];

/** `kubectl get jobs`. */
export function jobColumns(items: readonly JobObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, items, nowMs);
}
