import { FieldType } from '@grafana/data';

import { UIDS } from '../../../../dashboards/lib/refs';
import { LINKED_DASHBOARDS, risksFrame } from './risksFrame';
import { Finding } from './riskTypes';

const crash: Finding = {
  severity: 'critical',
  kind: 'Pod',
  namespace: 'shop',
  object: 'web-1',
  sinceMs: 1000,
  check: 'KubePodCrashLooping',
  reason: 'Container app restarted 7 times',
  pod: 'web-1',
  container: 'app',
  node: 'node-1',
};
const lost: Finding = {
  severity: 'critical',
  kind: 'Node',
  namespace: '',
  object: 'node-2',
  check: 'KubeNodeUnreachable',
  reason: 'Unreachable',
  node: 'node-2',
};

describe('risksFrame', () => {
  it('has one row per finding in the order given, with empty cells for what does not apply', () => {
    const frame = risksFrame([crash, lost], 'A', 'uid-1', []);
    const col = (name: string) => frame.fields.find((x) => x.name === name)!;
    expect(frame.length).toBe(2);
    expect(frame.fields.map((x) => x.name)).toEqual([
      'severity',
      'kind',
      'namespace',
      'object',
      'since',
      'reason',
      'check',
      'pod',
      'container',
      'node',
    ]);
    expect(col('since').type).toBe(FieldType.time);
    expect(col('since').values).toEqual([1000, null]);
    expect(col('namespace').values).toEqual(['shop', null]);
    expect(col('pod').values).toEqual(['web-1', null]);
    expect(frame.meta?.notices).toBeUndefined();
  });

  it('links pods to the pod and logs dashboards and nodes to the node dashboard, on the same data source', () => {
    const frame = risksFrame([crash], 'A', 'uid 1', [{ severity: 'info', text: 'x' }]);
    const links = (name: string) => frame.fields.find((x) => x.name === name)!.config.links!.map((l) => l.url);
    expect(links('pod')).toEqual([
      '/d/kubeglance-pod?var-ds=uid%201&var-namespace=${__data.fields.namespace}&var-pod=${__data.fields.pod}&${__url_time_range}',
      '/d/kubeglance-logs?var-ds=uid%201&var-namespace=${__data.fields.namespace}&var-pod=${__data.fields.pod}&var-container=$__all&${__url_time_range}',
    ]);
    expect(links('node')).toEqual([
      '/d/kubeglance-node?var-ds=uid%201&var-node=${__data.fields.node}&${__url_time_range}',
    ]);
    expect(frame.meta?.notices).toEqual([{ severity: 'info', text: 'x' }]);
  });

  it('links to the uids the shipped dashboards have', () => {
    expect(LINKED_DASHBOARDS).toEqual({ pod: UIDS.pod, node: UIDS.node, logs: UIDS.logs });
  });
});
