/** @jest-environment node */
/**
 * kube-sim's kubelet bodies (the ones the query tests scrape) must parse cleanly, with every family and sample
 * kube-sim's own strict checker finds: a parser change that refuses them would break the kubelet query.
 */
import { buildCluster } from '../../../../tools/kube-sim/cluster/cluster';
import {
  metricsCadvisorText,
  metricsResourceScrapeErrorText,
  metricsResourceText,
} from '../../../../tools/kube-sim/kubelet';
import { parsePromText } from '../../../../tools/kube-sim/kubelet/promtextCheck';
import { T0, testCluster } from '../../../../tools/kube-sim/cluster/testCluster';
import { parsePrometheusText } from './promtext';

const hand = testCluster();
const generated = buildCluster(7, 3, 8, T0);

const bodies: Array<[string, string]> = [
  ...[hand, generated].flatMap((cluster) =>
    cluster.nodes.flatMap((node): Array<[string, string]> => [
      [`metrics/resource of ${node.name}`, metricsResourceText(cluster, node, T0)],
      [`metrics/cadvisor of ${node.name}`, metricsCadvisorText(cluster, node, T0)],
    ])
  ),
  ['metrics/resource with a scrape error', metricsResourceScrapeErrorText()],
];

describe('parsePrometheusText on kube-sim kubelet bodies', () => {
  it.each(bodies)('parses %s without error, as kube-sim reads it', (_, text) => {
    const r = parsePrometheusText(text);
    expect(r.error).toBeUndefined();
    expect(r.partial).toBe(false);
    const expected = parsePromText(text).map((f) => [f.name, f.samples.length]);
    expect(r.families.map((f) => [f.name, f.samples.length])).toEqual(expected);
  });
});
