import { KubeError } from '../kube/errors';
import { describeKubeletProbe, sampleNodes } from './kubeletProbe';

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${String(i).padStart(4, '0')}`);
const unreachable = (node: string) =>
  new KubeError({
    kind: 'nodeUnreachable',
    node,
    status: 502,
    message: `the kubelet of ${node} did not answer`,
    remedy: 'x',
  });

describe('sampleNodes', () => {
  it('asks every node of a small cluster', () => {
    expect(sampleNodes(names(7), 50)).toEqual(names(7));
  });

  it('spreads a sample over the whole sorted list of a large one', () => {
    const all = names(300);
    const sample = sampleNodes([...all].reverse(), 50);
    expect(sample).toHaveLength(50);
    expect(new Set(sample).size).toBe(50);
    expect(sample[0]).toBe('node-0000');
    expect(sample[49] >= 'node-0290').toBe(true);
  });
});

describe('describeKubeletProbe', () => {
  it('counts the nodes reached, and says when it asked a sample', () => {
    expect(describeKubeletProbe({ totalNodes: 300, asked: names(50), failed: [] })).toEqual({
      ok: true,
      text: 'Kubelet reachable on 50 of 50 nodes (a sample of 50 of 300).',
    });
  });

  it('names the nodes that failed, a few of them, and counts the rest', () => {
    const asked = names(10);
    const failed = asked.slice(0, 7).map((node) => ({ node, error: unreachable(node) }));
    const r = describeKubeletProbe({ totalNodes: 10, asked, failed });
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/^Kubelet reachable on 3 of 10 nodes\. Not reachable: node-0000: the kubelet of node-0000/);
    expect(r.text).toMatch(/and 2 more\.$/);
  });

  it('says an empty cluster has nothing to ask', () => {
    expect(describeKubeletProbe({ totalNodes: 0, asked: [], failed: [] }).ok).toBe(false);
  });
});
