import { DataQueryResponse } from '@grafana/data';
import { map, Observable } from 'rxjs';

import { KubeClient } from '../../kube/client';
import { KubeError } from '../../kube/errors';
import { RiskSeverity, RisksQuery } from '../../types';
import { QueryModule } from '../types';
import { findRisks } from './findRisks';
import { risksFrame } from './risksFrame';
import { readRiskObjects } from './risksRead';
import { isSeverity, SEVERITIES } from './riskTypes';

/** A risks query after variables were interpolated and every name validated. */
export interface ResolvedRisksQuery {
  refId: string;
  /** empty for all namespaces */
  namespaces: string[];
  minSeverity: RiskSeverity;
}

function resolveSeverity(value: unknown): RiskSeverity {
  if (value === undefined || value === '') {
    return 'info';
  }
  if (!isSeverity(value)) {
    throw new KubeError({
      kind: 'invalid',
      message: `Unknown minimum severity ${JSON.stringify(value)}`,
      remedy: `Choose one of ${SEVERITIES.join(', ')} in the query editor.`,
    });
  }
  return value;
}

/** Every finding in the namespaces asked (nodes only when all namespaces are), as one table. */
export function runRisksQuery(
  client: KubeClient,
  q: ResolvedRisksQuery,
  nowMs: number,
  concurrency: number,
  datasourceUid: string
): Observable<DataQueryResponse> {
  return readRiskObjects(client, q.namespaces, q.refId, concurrency).pipe(
    map(({ objects, notices, errors }): DataQueryResponse => {
      if (errors) {
        return { data: [], errors, key: q.refId };
      }
      let findings = findRisks(objects, nowMs, q.minSeverity);
      if (q.namespaces.length) {
        // nodes still explain the pods' rows, but are not part of a namespace's answer
        findings = findings.filter((f) => f.kind !== 'Node');
      }
      if (!findings.length) {
        const where = q.namespaces.length ? ` in namespace ${q.namespaces.join(', ')}` : '';
        const floor = q.minSeverity === 'info' ? '' : ` at ${q.minSeverity} or worse`;
        notices.push({ severity: 'info', text: `Nothing wrong found${where}${floor}.` });
      }
      return { data: [risksFrame(findings, q.refId, datasourceUid, notices)], key: q.refId };
    })
  );
}

export const risksModule: QueryModule<RisksQuery, ResolvedRisksQuery> = {
  resolve: (query, vars) => ({
    refId: query.refId,
    namespaces: vars.names(query.namespace, 'namespace'),
    minSeverity: resolveSeverity(query.minSeverity),
  }),
  run: (ctx, resolved) => runRisksQuery(ctx.client, resolved, ctx.nowMs, ctx.concurrency, ctx.datasourceUid),
};
