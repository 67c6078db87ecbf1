/** @jest-environment jsdom */
import type { MetricFindValue } from '@grafana/data';
import { firstValueFrom } from 'rxjs';

import { testContext } from '../../../tools/testing/queryContext';
import { KubeError } from '../kube/errors';
import { containerValues, listVariableValues, sortedUnique } from './variableQueries';
import type { KubeVariableQuery } from '../variableTypes';
import { kubeSimForTests } from '../testing/kubeSim';

const sim = kubeSimForTests({ nodes: 4, podsPerNode: 3, seed: 11 });

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const unique = (values: string[]) => [...new Set(values)].sort(byText);

function list(query: Omit<KubeVariableQuery, 'refId'>, vars: Record<string, string | string[]> = {}) {
  const { ctx, vars: resolver } = testContext(sim(), { vars });
  return firstValueFrom(listVariableValues(ctx.client, { refId: 'V', ...query }, resolver));
}

const texts = (values: MetricFindValue[]) => values.map((v) => v.text);
const valuesOf = (values: MetricFindValue[]) => values.map((v) => v.value);

describe('listVariableValues against kube-sim()', () => {
  it('lists every namespace, sorted', async () => {
    const values = await list({ kind: 'namespaces' });
    expect(texts(values)).toEqual(unique(sim().cluster.namespaces.map((n) => n.name)));
    expect(valuesOf(values)).toEqual(texts(values));
  });

  it('lists nodes, filtered by a label selector', async () => {
    expect(texts(await list({ kind: 'nodes' }))).toEqual(unique(sim().cluster.nodes.map((n) => n.name)));
    const controlPlane = await list({ kind: 'nodes', labelSelector: 'node-role.kubernetes.io/control-plane' });
    const expected = sim()
      .cluster.nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in n.labels)
      .map((n) => n.name);
    expect(expected.length).toBeGreaterThan(0);
    expect(texts(controlPlane)).toEqual(unique(expected));
  });

  it('lists the pods of a namespace from a variable, and narrows them by selector and node', async () => {
    const shop = sim().cluster.pods.filter((p) => p.namespace === 'shop');
    expect(texts(await list({ kind: 'pods', namespace: '$namespace' }, { namespace: 'shop' }))).toEqual(
      unique(shop.map((p) => p.name))
    );

    const frontend = await list({ kind: 'pods', namespace: 'shop', labelSelector: 'app=frontend' });
    expect(texts(frontend)).toEqual(unique(shop.filter((p) => p.labels.app === 'frontend').map((p) => p.name)));
    expect(frontend.length).toBeGreaterThan(0);

    const node = shop[0].nodeName;
    const onNode = await list({ kind: 'pods', namespace: 'shop', node });
    expect(texts(onNode)).toEqual(unique(shop.filter((p) => p.nodeName === node).map((p) => p.name)));
  });

  it('takes every value of a multi-value namespace variable', async () => {
    const values = await list({ kind: 'pods', namespace: '$ns' }, { ns: ['shop', 'kube-system'] });
    const expected = sim().cluster.pods.filter((p) => p.namespace === 'shop' || p.namespace === 'kube-system');
    expect(texts(values)).toEqual(unique(expected.map((p) => p.name)));
  });

  it('lists the containers of a pod with its init containers marked', async () => {
    const pod = sim().cluster.pods.find((p) => p.initContainers.length > 0)!;
    const values = await list({ kind: 'containers', namespace: pod.namespace, pod: '$pod' }, { pod: pod.name });
    // a sidecar (restartable init container) is marked as one, other init containers as init
    const role = (c: (typeof pod.initContainers)[number]) =>
      (c as typeof c & { restartPolicy?: string }).restartPolicy === 'Always' ? 'sidecar' : 'init';
    expect(values).toEqual(
      expect.arrayContaining([
        ...pod.containers.map((c) => ({ text: c.name, value: c.name })),
        ...pod.initContainers.map((c) => ({
          text: `${c.name} (${role(c)})`,
          value: c.name,
          properties: { description: role(c) },
        })),
      ])
    );
    expect(values).toHaveLength(pod.containers.length + pod.initContainers.length);
  });

  it('marks a sidecar as a sidecar and a run-to-completion init container as init', () => {
    const values = sortedUnique(
      containerValues([
        {
          metadata: { name: 'web-1', namespace: 'shop' },
          spec: {
            initContainers: [{ name: 'migrate' }, { name: 'istio-proxy', restartPolicy: 'Always' }],
            containers: [{ name: 'web' }],
          },
        },
      ])
    );
    expect(values).toEqual([
      { text: 'istio-proxy (sidecar)', value: 'istio-proxy', properties: { description: 'sidecar' } },
      { text: 'migrate (init)', value: 'migrate', properties: { description: 'init' } },
      { text: 'web', value: 'web' },
    ]);
  });

  it('lists container names once across several pods', async () => {
    const frontend = sim().cluster.pods.filter((p) => p.namespace === 'shop' && p.labels.app === 'frontend');
    expect(frontend.length).toBeGreaterThan(1);
    const values = await list({ kind: 'containers', namespace: 'shop', labelSelector: 'app=frontend' });
    const role = (c: (typeof frontend)[number]['initContainers'][number]) =>
      (c as typeof c & { restartPolicy?: string }).restartPolicy === 'Always' ? 'sidecar' : 'init';
    expect(texts(values)).toEqual(
      unique(
        frontend.flatMap((p) => [
          ...p.containers.map((c) => c.name),
          ...p.initContainers.map((c) => `${c.name} (${role(c)})`),
        ])
      )
    );
  });

  it('lists workloads as Kind/name with the plain name as value', async () => {
    // ReplicaSets belong to their Deployments and are not offered
    const shop = sim().cluster.workloads.filter((w) => w.namespace === 'shop' && w.kind !== 'ReplicaSet');
    const values = await list({ kind: 'workloads', namespace: 'shop' });
    expect(values).toEqual(
      shop.map((w) => ({ text: `${w.kind}/${w.name}`, value: w.name })).sort((a, b) => byText(a.text, b.text))
    );

    const statefulSets = await list({ kind: 'workloads', workloadKind: 'statefulsets' });
    expect(valuesOf(statefulSets)).toEqual(
      unique(
        sim()
          .cluster.workloads.filter((w) => w.kind === 'StatefulSet')
          .map((w) => w.name)
      )
    );
    expect(texts(statefulSets).every((t) => t.startsWith('StatefulSet/'))).toBe(true);
  });

  it('lists label keys and the values of a key', async () => {
    const keys = await list({ kind: 'labelKeys', resource: 'namespaces' });
    expect(texts(keys)).toEqual(unique(sim().cluster.namespaces.flatMap((n) => Object.keys(n.labels))));

    const teams = await list({ kind: 'labelValues', resource: 'namespaces', labelKey: 'team' });
    const expected = sim().cluster.namespaces.flatMap((n) => (n.labels.team ? [n.labels.team] : []));
    expect(expected.length).toBeGreaterThan(1);
    expect(texts(teams)).toEqual(unique(expected));

    const appsInShop = await list(
      { kind: 'labelValues', resource: 'pods', namespace: 'shop', labelKey: '$key' },
      {
        key: 'app',
      }
    );
    const shopApps = sim()
      .cluster.pods.filter((p) => p.namespace === 'shop' && p.labels.app)
      .map((p) => p.labels.app);
    expect(texts(appsInShop)).toEqual(unique(shopApps));
  });

  it('rejects a hostile namespace value before any request', async () => {
    sim().faults.reset();
    await expect(
      list({ kind: 'pods', namespace: '$namespace' }, { namespace: '../../api/v1/secrets' })
    ).rejects.toThrow(/not a valid namespace name/);
    await expect(list({ kind: 'containers', pod: '$pod' }, { pod: 'web%2F..' })).rejects.toThrow(
      /not a valid pod name/
    );
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('asks for a label key before listing label values', async () => {
    sim().faults.reset();
    await expect(list({ kind: 'labelValues', resource: 'pods' })).rejects.toThrow(/label key/);
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('keeps the namespaces it may read when one is forbidden', async () => {
    sim().faults.deny('pods', { namespace: 'kube-system' });
    const values = await list({ kind: 'pods', namespace: 'shop,kube-system' });
    expect(texts(values)).toEqual(
      unique(
        sim()
          .cluster.pods.filter((p) => p.namespace === 'shop')
          .map((p) => p.name)
      )
    );
  });

  it('fails with the API server’s reason when nothing can be read', async () => {
    sim().faults.deny('namespaces');
    const failure = list({ kind: 'namespaces' });
    await expect(failure).rejects.toBeInstanceOf(KubeError);
    await expect(failure).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('sortedUnique', () => {
  it('sorts numbers inside names naturally and keeps one entry per value', () => {
    const values = sortedUnique([
      { text: 'node-10', value: 'node-10' },
      { text: 'node-2', value: 'node-2' },
      { text: 'StatefulSet/web', value: 'web' },
      { text: 'Deployment/web', value: 'web' },
      { text: 'node-2', value: 'node-2' },
    ]);
    expect(values).toEqual([
      { text: 'Deployment/web', value: 'web' },
      { text: 'node-2', value: 'node-2' },
      { text: 'node-10', value: 'node-10' },
    ]);
  });
});
