import { CustomVariableSupport, type DataQueryRequest, type DataQueryResponse } from '@grafana/data';
import { getTemplateSrv, type TemplateSrv } from '@grafana/runtime';
import { catchError, map, Observable, of } from 'rxjs';

import type { KubeClient } from '../kube/client';
import { toQueryError } from '../kube/queryError';
import { listVariableValues } from './variableQueries';
import { type KubeVariableQuery, toVariableQuery } from '../variableTypes';
import { variableResolver } from './resolver';
import { type VariableDataSource, VariableQueryEditor } from './VariableQueryEditor';

/**
 * Template variables with their own editor: namespaces, nodes, pods, containers, workloads and labels.
 * Answers `{ data: MetricFindValue[] }`, sorted and deduplicated, or the error Grafana shows in the editor.
 */
export class KubeVariableSupport extends CustomVariableSupport<VariableDataSource, KubeVariableQuery> {
  readonly editor = VariableQueryEditor;

  constructor(
    private readonly datasource: { readonly client: KubeClient },
    private readonly templateSrv?: Pick<TemplateSrv, 'replace'>
  ) {
    super();
  }

  // no getDefaultQuery: its type is the panel query's; a variable without a kind lists namespaces (toVariableQuery)
  query(request: DataQueryRequest<KubeVariableQuery>): Observable<DataQueryResponse> {
    const target = toVariableQuery(request.targets[0]);
    // looked up per query: Grafana's template service is set up after data sources may be constructed
    const vars = variableResolver(this.templateSrv ?? getTemplateSrv(), request.scopedVars);
    return listVariableValues(this.datasource.client, target, vars).pipe(
      map((values): DataQueryResponse => ({ data: values })),
      catchError((err) => of<DataQueryResponse>({ data: [], errors: [toQueryError(err, target.refId)] }))
    );
  }
}
