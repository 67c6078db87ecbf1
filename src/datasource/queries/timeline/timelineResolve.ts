/** A timeline query after variables: the subject, its checked names and the workload's kind. */
import { KubeError } from '../../kube/errors';
import { TimelineQuery, TimelineSubject } from '../../types';
import { VariableResolver } from '../../variableTypes';

export type TimelineWorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';
const WORKLOAD_KINDS: readonly TimelineWorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
const SUBJECTS: readonly TimelineSubject[] = ['namespace', 'workload', 'pod', 'node'];

/**
 * A timeline run as an annotation query (annotations.ts prepareQuery sets it when it runs, never in a
 * saved model): the annotation frame alone.
 */
export interface TimelineAnnotationQuery extends TimelineQuery {
  marksOnly?: boolean;
}

interface Common {
  refId: string;
  /** answer the annotation frame alone */
  marksOnly: boolean;
}

export type ResolvedTimelineQuery = Common &
  (
    | /** every pod of these namespaces (all when empty) */ { subject: 'namespace'; namespaces: string[] }
    | { subject: 'workload'; namespace: string; name: string; kind: TimelineWorkloadKind }
    | { subject: 'pod'; namespace: string; name: string }
    | /** one node and its pods, or every node (no pods) when `name` is undefined */ { subject: 'node'; name?: string }
  );

function invalid(message: string, remedy: string): KubeError {
  return new KubeError({ kind: 'invalid', message, remedy });
}

function one(names: string[], what: string, remedy: string): string {
  if (names.length !== 1) {
    throw invalid(names.length ? `The timeline shows one ${what}, not ${names.length}` : `Choose the ${what}`, remedy);
  }
  return names[0];
}

export function resolveWorkloadKind(text: string | undefined): TimelineWorkloadKind {
  if (!text) {
    return 'Deployment';
  }
  const kind = WORKLOAD_KINDS.find((k) => k.toLowerCase() === text.toLowerCase());
  if (!kind) {
    throw invalid(
      `${JSON.stringify(text)} is not a workload kind the timeline knows`,
      `Choose ${WORKLOAD_KINDS.join(', ')} in the query editor.`
    );
  }
  return kind;
}

export function resolveTimelineQuery(query: TimelineAnnotationQuery, vars: VariableResolver): ResolvedTimelineQuery {
  const subject = query.subject ?? 'namespace';
  const refId = query.refId;
  const marksOnly = query.marksOnly === true;
  if (!SUBJECTS.includes(subject)) {
    throw invalid(
      `Unknown timeline subject ${JSON.stringify(subject)}`,
      `Choose ${SUBJECTS.join(', ')} in the query editor.`
    );
  }
  const namespaces = vars.names(query.namespace, 'namespace');
  switch (subject) {
    case 'namespace':
      return { refId, marksOnly, subject, namespaces };
    case 'workload': {
      const kind = resolveWorkloadKind(vars.text(query.workloadKind));
      const remedy = 'A workload timeline needs its namespace and name (one of each; check template variables too).';
      return {
        refId,
        marksOnly,
        subject,
        kind,
        namespace: one(namespaces, 'namespace', remedy),
        name: one(vars.names(query.name, 'object'), 'workload', remedy),
      };
    }
    case 'pod': {
      const remedy = 'A pod timeline needs its namespace and name (one of each; check template variables too).';
      return {
        refId,
        marksOnly,
        subject,
        namespace: one(namespaces, 'namespace', remedy),
        name: one(vars.names(query.name, 'pod'), 'pod', remedy),
      };
    }
    case 'node': {
      const names = vars.names(query.name, 'node');
      if (names.length > 1) {
        throw invalid(
          `The timeline shows one node or all, not ${names.length}`,
          'Choose one node, or none for every node.'
        );
      }
      return { refId, marksOnly, subject, name: names[0] };
    }
  }
}
