/** @jest-environment jsdom */
import { lastValueFrom } from 'rxjs';

import { testContext } from '../../../../tools/testing/queryContext';
import { KubeError } from '../../kube/errors';
import { allFailedErrors, failureNotices, resolveNodeTargets, splitOutcomes } from './nodeTargets';
import { kubeSimForTests } from '../../testing/kubeSim';

const sim = kubeSimForTests({ nodes: 3, podsPerNode: 2, seed: 2 });

const unreachable = (node: string) =>
  new KubeError({
    kind: 'nodeUnreachable',
    status: 503,
    node,
    message: `The API server could not reach the kubelet on node "${node}"`,
    remedy: `Check node ${node}.`,
  });
const denied = new KubeError({
  kind: 'forbidden',
  status: 403,
  message: 'may not get nodes/proxy',
  remedy: 'Grant it.',
});

describe('resolveNodeTargets', () => {
  it('named nodes are asked as given, with no list request', async () => {
    const { ctx } = testContext(sim());
    const targets = await lastValueFrom(resolveNodeTargets(ctx, ['node-2', 'node-1']));
    expect(targets).toEqual({ nodes: ['node-2', 'node-1'], notices: [] });
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('no names: every node, by name, from the list', async () => {
    const { ctx } = testContext(sim());
    const targets = await lastValueFrom(resolveNodeTargets(ctx, []));
    expect(targets.nodes).toEqual(
      sim()
        .cluster.nodes.map((n) => n.name)
        .sort()
    );
    expect(sim().faults.requests.map((r) => r.path)).toEqual(['/api/v1/nodes']);
  });

  it('a label selector narrows the list; none matching is a notice', async () => {
    const { ctx } = testContext(sim());
    const cp = await lastValueFrom(resolveNodeTargets(ctx, [], 'node-role.kubernetes.io/control-plane'));
    expect(cp.nodes).toEqual(['control-plane-1']);
    expect(sim().faults.requests[0].query.labelSelector).toBe('node-role.kubernetes.io/control-plane');
    const none = await lastValueFrom(resolveNodeTargets(ctx, [], 'team=nobody'));
    expect(none.nodes).toEqual([]);
    expect(none.notices[0].text).toContain('team=nobody');
  });
});

describe('failure reporting', () => {
  it('splits values from failures', () => {
    expect(
      splitOutcomes([
        { key: 'a', value: 1 },
        { key: 'b', error: denied },
      ])
    ).toEqual({ values: [{ node: 'a', value: 1 }], failures: [{ node: 'b', error: denied }] });
  });

  it('one notice per reason, naming the nodes', () => {
    const notices = failureNotices([
      { node: 'n1', error: unreachable('n1') },
      { node: 'n2', error: denied },
      { node: 'n3', error: unreachable('n3') },
    ]);
    expect(notices).toEqual([
      {
        severity: 'warning',
        text: 'Left out 2 nodes n1, n3: The API server could not reach the kubelet on node "n1". Check node n1.',
      },
      { severity: 'warning', text: 'Left out node n2: may not get nodes/proxy. Grant it.' },
    ]);
  });

  it('when every node failed: errors per reason, with the status', () => {
    expect(allFailedErrors([{ node: 'n1', error: denied }], 'A')).toEqual([
      { message: 'may not get nodes/proxy. Grant it.', status: 403, refId: 'A' },
    ]);
    const many = allFailedErrors(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((node) => ({ node, error: denied })),
      'A'
    );
    expect(many).toHaveLength(1);
    expect(many[0].message).toBe(
      'No node answered (7 nodes a, b, c, d, e and 2 more): may not get nodes/proxy. Grant it.'
    );
  });
});
