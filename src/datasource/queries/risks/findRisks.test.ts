import { compareFindings, findRisks } from './findRisks';
import { cond, node, NOW, objects, pod } from './riskFixtures';
import { Finding } from './riskTypes';

const f = (severity: Finding['severity'], object: string, sinceMs?: number): Finding => ({
  severity,
  kind: 'Pod',
  namespace: 'shop',
  object,
  sinceMs,
  check: 'X',
  reason: '',
});

describe('findRisks', () => {
  it('orders by severity, then the longest-standing first, then by name; unknown times last', () => {
    const sorted = [
      f('info', 'a', 1),
      f('critical', 'b', 50),
      f('warning', 'c'),
      f('critical', 'd', 10),
      f('warning', 'e', 5),
    ]
      .sort(compareFindings)
      .map((x) => x.object);
    expect(sorted).toEqual(['d', 'b', 'e', 'c', 'a']);
  });

  it('keeps only findings at or above the minimum severity', () => {
    const o = objects({
      nodes: [node('n1', [cond('Ready', 'Unknown', 30)]), node('n2', [cond('Ready', 'True', 30)], true)],
      pods: [pod('p', { ready: false, readySince: 30, node: 'n2' })],
    });
    const all = findRisks(o, NOW);
    expect(all.map((x) => x.severity)).toEqual(['critical', 'warning', 'info']);
    expect(findRisks(o, NOW, 'warning').map((x) => x.severity)).toEqual(['critical', 'warning']);
    expect(findRisks(o, NOW, 'critical').map((x) => x.object)).toEqual(['n1']);
  });

  it('skips objects without a name instead of failing the whole answer', () => {
    const o = objects({
      pods: [{} as never, null as never, pod('p', { ready: false, readySince: 30 })],
      nodes: [{ metadata: {} }],
      deployments: [{ spec: { replicas: 2 } }],
    });
    expect(findRisks(o, NOW).map((x) => x.object)).toEqual(['p']);
  });
});
