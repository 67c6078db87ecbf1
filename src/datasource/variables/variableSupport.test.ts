/** @jest-environment jsdom */
import { type DataQueryRequest, dateTime, type MetricFindValue, VariableSupportType } from '@grafana/data';
import { firstValueFrom } from 'rxjs';

import { fakeTemplateSrv, testContext } from '../../../tools/testing/queryContext';
import { VariableQueryEditor } from './VariableQueryEditor';
import { KubeVariableSupport } from './variableSupport';
import type { KubeVariableQuery } from '../variableTypes';
import { kubeSimForTests } from '../testing/kubeSim';

const sim = kubeSimForTests({ nodes: 3, podsPerNode: 3, seed: 5 });

function request(target: KubeVariableQuery): DataQueryRequest<KubeVariableQuery> {
  const now = dateTime();
  return {
    requestId: 'variable',
    interval: '15s',
    intervalMs: 15000,
    range: { from: now, to: now, raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: [target],
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  };
}

function support(vars: Record<string, string | string[]> = {}) {
  const { ctx } = testContext(sim());
  return new KubeVariableSupport({ client: ctx.client }, fakeTemplateSrv(vars));
}

describe('KubeVariableSupport', () => {
  it('is a custom variable support with its own editor', () => {
    const s = support();
    expect(s.getType()).toBe(VariableSupportType.Custom);
    expect(s.editor).toBe(VariableQueryEditor);
  });

  it('answers { data: MetricFindValue[] } with the pods of the namespace variable', async () => {
    const response = await firstValueFrom(
      support({ namespace: 'shop' }).query(request({ refId: 'V', kind: 'pods', namespace: '$namespace' }))
    );
    const expected = sim()
      .cluster.pods.filter((p) => p.namespace === 'shop')
      .map((p) => p.name);
    expect(response.errors).toBeUndefined();
    const values = response.data as MetricFindValue[];
    expect(values.map((v) => v.value).sort()).toEqual([...new Set(expected)].sort());
    expect(values.every((v) => v.text === v.value)).toBe(true);
  });

  it('lists namespaces for a variable saved without a kind', async () => {
    const response = await firstValueFrom(support().query(request({ refId: 'V' } as KubeVariableQuery)));
    expect((response.data as MetricFindValue[]).map((v) => v.text).sort()).toEqual(
      sim()
        .cluster.namespaces.map((n) => n.name)
        .sort()
    );
  });

  it('turns an invalid interpolated name into an error, without any request', async () => {
    const response = await firstValueFrom(
      support({ namespace: 'shop/../../secrets' }).query(request({ refId: 'V', kind: 'pods', namespace: '$namespace' }))
    );
    expect(response.data).toEqual([]);
    expect(response.errors?.[0].message).toMatch(/not a valid namespace name/);
    expect(response.errors?.[0].refId).toBe('V');
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('reports a denied list with what to do', async () => {
    sim().faults.deny('nodes');
    const response = await firstValueFrom(support().query(request({ refId: 'V', kind: 'nodes' })));
    expect(response.data).toEqual([]);
    expect(response.errors?.[0].message).toMatch(/forbidden|permission|RBAC/i);
  });
});
