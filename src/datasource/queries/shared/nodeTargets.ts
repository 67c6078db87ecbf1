/**
 * Which nodes a kubelet-reading query asks (named ones, or every node in the list), and the pieces the
 * summary and kubelet modules share: the kubelet-access gate and per-node failure notices.
 */
import { DataQueryError, DataQueryResponse, QueryResultMetaNotice } from '@grafana/data';
import { map, Observable, of } from 'rxjs';

import { describeKubeError, KubeError } from '../../kube/errors';
import { FanOutResult } from '../../kube/client';
import { nodesPath } from '../../kube/paths';
import { listNames } from './format';
import { QueryContext } from '../types';

export interface NodeTargets {
  nodes: string[];
  notices: QueryResultMetaNotice[];
}

export const KUBELET_ACCESS_OFF =
  'Kubelet access is off for this data source: turn it on in the data source settings; ' +
  'it needs `get` on nodes/proxy, see docs/rbac.md';

/** The answer when kubelet access is off: no request is made. */
export function kubeletAccessOffResponse(refId: string): DataQueryResponse {
  return { data: [], errors: [{ message: KUBELET_ACCESS_OFF, refId }], key: refId };
}

export function kubeletAccessOffError(refId: string): DataQueryError {
  return { message: KUBELET_ACCESS_OFF, refId };
}

/**
 * The nodes to ask: `names` as given, or, when empty, every node listed by the API server (optionally
 * matching a label selector). A failing list is the query's error: there is nothing to fan out to.
 */
export function resolveNodeTargets(
  ctx: QueryContext,
  names: string[],
  labelSelector?: string
): Observable<NodeTargets> {
  if (names.length) {
    return of({ nodes: names, notices: [] });
  }
  return ctx.client
    .list<{ metadata?: { name?: unknown } }>(nodesPath(), { labelSelector: labelSelector || undefined })
    .pipe(
      map((list) => {
        const nodes = list.items
          .map((n) => n.metadata?.name)
          .filter((n): n is string => typeof n === 'string' && n !== '')
          .sort();
        const notices: QueryResultMetaNotice[] = nodes.length
          ? []
          : [
              {
                severity: 'info',
                text: labelSelector
                  ? `No node matches the label selector ${labelSelector}.`
                  : 'The cluster has no nodes.',
              },
            ];
        return { nodes, notices };
      })
    );
}

/** Failures of a fan-out to nodes, split from the values that came back. */
export interface NodeOutcomes<T> {
  values: Array<{ node: string; value: T }>;
  failures: Array<{ node: string; error: KubeError }>;
}

export function splitOutcomes<T>(results: Array<FanOutResult<string, T>>): NodeOutcomes<T> {
  const out: NodeOutcomes<T> = { values: [], failures: [] };
  for (const r of results) {
    if (r.error) {
      out.failures.push({ node: r.key, error: r.error });
    } else if (r.value !== undefined) {
      out.values.push({ node: r.key, value: r.value });
    }
  }
  return out;
}

interface ReasonGroup {
  nodes: string[];
  /** the first node's own description */
  text: string;
  status?: number;
}

/** The text with the node's name taken out where it stands alone (not inside a longer name or word). */
function withoutName(text: string, node: string): string {
  const escaped = node.replace(/[.]/g, '\\.');
  return text.replace(new RegExp(`(?<![a-z0-9.-])${escaped}(?![a-z0-9-]|\\.[a-z0-9])`, 'g'), '\u0000');
}

/** Failures with the same reason on different nodes: their descriptions differ only by the node's name. */
function groupByReason(failures: Array<{ node: string; error: KubeError }>): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>();
  for (const f of failures) {
    const text = describeKubeError(f.error);
    const key = withoutName(text, f.node);
    const group = groups.get(key);
    if (group) {
      group.nodes.push(f.node);
    } else {
      groups.set(key, { nodes: [f.node], text, status: f.error.status });
    }
  }
  return [...groups.values()];
}

function nodesWord(nodes: string[]): string {
  return `${nodes.length === 1 ? 'node' : `${nodes.length} nodes`} ${listNames(nodes)}`;
}

/**
 * One warning per distinct reason, naming its nodes: "Left out node node-3: The API server could not reach …".
 * Grouping keeps a 500-node outage with one cause to one readable line (the first node's wording).
 */
export function failureNotices(failures: Array<{ node: string; error: KubeError }>): QueryResultMetaNotice[] {
  return groupByReason(failures).map((g) => ({
    severity: 'warning',
    text: `Left out ${nodesWord(g.nodes)}: ${g.text}`,
  }));
}

/** When no node answered: the query's errors, one per distinct reason. */
export function allFailedErrors(failures: Array<{ node: string; error: KubeError }>, refId: string): DataQueryError[] {
  return groupByReason(failures).map((g) => ({
    message: failures.length === 1 ? g.text : `No node answered (${nodesWord(g.nodes)}): ${g.text}`,
    status: g.status,
    refId,
  }));
}
