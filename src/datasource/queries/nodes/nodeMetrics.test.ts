import { DecodeError } from '../../decode/decodeError';
import { decodeNodeMetricsList } from './nodeMetrics';

const item = (name: string, cpu: unknown, memory: unknown) => ({
  metadata: { name, creationTimestamp: '2026-11-23T10:00:05Z' },
  timestamp: '2026-11-23T10:00:00Z',
  window: '15.021s',
  usage: { cpu, memory },
});

describe('decodeNodeMetricsList', () => {
  it('reads usage as cores and bytes, with the sample time and window', () => {
    const { items, problems } = decodeNodeMetricsList({
      kind: 'NodeMetricsList',
      items: [item('minikube', '487558164n', '732212Ki'), item('idle', '0', '1Gi')],
    });
    expect(problems).toEqual([]);
    expect(items).toEqual([
      {
        name: 'minikube',
        cpu: 0.487558164,
        memory: 732212 * 1024,
        timestampMs: Date.UTC(2026, 10, 23, 10),
        windowSeconds: 15.021,
      },
      { name: 'idle', cpu: 0, memory: 1073741824, timestampMs: Date.UTC(2026, 10, 23, 10), windowSeconds: 15.021 },
    ]);
  });

  it('keeps the other nodes when one value is malformed, and says which', () => {
    const { items, problems } = decodeNodeMetricsList({ items: [item('a', 'lots', '1Mi'), item('b', '1', '1Mi')] });
    expect(items.map((i) => [i.name, i.cpu])).toEqual([
      ['a', undefined],
      ['b', 1],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('node a cpu');
    expect(problems[0]).toContain('lots');
  });

  it('leaves out items without a name', () => {
    const { items, problems } = decodeNodeMetricsList({ items: [{ usage: { cpu: '1' } }, item('b', '1', '1')] });
    expect(items.map((i) => i.name)).toEqual(['b']);
    expect(problems).toEqual(['a NodeMetrics item without metadata.name']);
  });

  it('accepts an empty list written as null items', () => {
    expect(decodeNodeMetricsList({ kind: 'NodeMetricsList', items: null }).items).toEqual([]);
  });

  it.each([[null], ['text'], [[1, 2]], [{ items: {} }]])('rejects %p as not a list', (body) => {
    expect(() => decodeNodeMetricsList(body)).toThrow(DecodeError);
  });
});
