import { createDataFrame, DataFrameType, FieldType } from '@grafana/data';

import { logFrameFields } from './frameFields';
import { mergeBatches, readRows, sortBatch, toMillis, type LogBatch } from './frameRows';
import { levelAt } from './levels';
import { SourceTable } from './sources';
import { elasticFrame, kubeglanceFrame, lokiLegacyFrame, T0 } from '../testing/testFrames';

function read(frame: ReturnType<typeof createDataFrame>) {
  const table = new SourceTable();
  const fields = logFrameFields(frame);
  if (!fields) {
    throw new Error('not a logs frame');
  }
  const batch = readRows(fields, 0, frame.length, table);
  return {
    batch,
    sources: batch.sources.map((s) => table.list[s]),
    levels: batch.levels.map(levelAt),
  };
}

describe('logFrameFields', () => {
  it('rejects frames without a text field, or without a time unless they say they are logs', () => {
    const metrics = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [1] },
        { name: 'cpu', type: FieldType.number, values: [0.5] },
      ],
    });
    expect(logFrameFields(metrics)).toBeUndefined();
    const untimed = createDataFrame({ fields: [{ name: 'message', type: FieldType.string, values: ['x'] }] });
    expect(logFrameFields(untimed)).toBeUndefined();
    const untimedLogs = createDataFrame({
      meta: { type: DataFrameType.LogLines },
      fields: [{ name: 'body', type: FieldType.string, values: ['x'] }],
    });
    expect(logFrameFields(untimedLogs)?.body.name).toBe('body');
  });

  it('prefers named fields over position', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'observed', type: FieldType.time, values: [1] },
        { name: 'traceId', type: FieldType.string, values: ['abc'] },
        { name: '@timestamp', type: FieldType.time, values: [2] },
        { name: 'message', type: FieldType.string, values: ['the line'] },
      ],
    });
    const fields = logFrameFields(frame)!;
    expect(fields.time?.name).toBe('@timestamp');
    expect(fields.body.name).toBe('message');
  });

  it('falls back to the first time and string fields, skipping ids and labels', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'id', type: FieldType.string, values: ['1'] },
        { name: 'when', type: FieldType.time, values: [1] },
        { name: 'text', type: FieldType.string, values: ['hello'] },
      ],
    });
    expect(logFrameFields(frame)?.body.name).toBe('text');
  });
});

describe('readRows', () => {
  it('reads our frames: labels, severity and bodies', () => {
    const { batch, sources, levels } = read(
      kubeglanceFrame([
        { t: T0, body: 'a', namespace: 'shop', pod: 'api-0', container: 'app', level: 'error' },
        { t: T0 + 1, body: 'b', namespace: 'shop', pod: 'api-0', container: 'app', level: 'debug' },
      ])
    );
    expect(batch.bodies).toEqual(['a', 'b']);
    expect(levels).toEqual(['error', 'debug']);
    expect(sources.map((s) => [s.namespace, s.pod, s.container, s.node])).toEqual([
      ['shop', 'api-0', 'app', 'node-1'],
      ['shop', 'api-0', 'app', 'node-1'],
    ]);
    expect(batch.sources[0]).toBe(batch.sources[1]);
  });

  it('reads Loki frames newest first into time order, with labels and detected levels', () => {
    const { batch, sources, levels } = read(
      lokiLegacyFrame([
        { t: T0, line: 'level=info msg=start', labels: { namespace: 'a', pod: 'p', container: 'c' } },
        {
          t: T0 + 10,
          line: 'ERROR boom',
          labels: { k8s_namespace_name: 'b', k8s_pod_name: 'q', k8s_container_name: 'd' },
        },
      ])
    );
    expect(batch.bodies).toEqual(['level=info msg=start', 'ERROR boom']);
    expect(batch.times).toEqual([T0, T0 + 10]);
    expect(levels).toEqual(['info', 'error']);
    expect(sources.map((s) => s.label)).toEqual(['p/c', 'q/d']);
  });

  it('reads Elasticsearch fields from flat names or from _source', () => {
    const { batch, sources, levels } = read(
      elasticFrame([
        {
          '@timestamp': T0,
          message: 'flat',
          'kubernetes.namespace_name': 'ns',
          'kubernetes.pod_name': 'p1',
          'kubernetes.container_name': 'c1',
          'kubernetes.host': 'n1',
          'log.level': 'WARN',
        },
      ])
    );
    expect(batch.bodies).toEqual(['flat']);
    expect(sources[0]).toMatchObject({ namespace: 'ns', pod: 'p1', container: 'c1', node: 'n1' });
    expect(levels).toEqual(['warning']);

    const nested = read(
      elasticFrame([
        {
          '@timestamp': T0,
          message: 'nested',
          _source: {
            kubernetes: { namespace: 'ns2', pod: { name: 'p2' }, container: { name: 'c2' } },
            log: { level: 'error' },
          },
        },
      ])
    );
    expect(nested.sources[0]).toMatchObject({ namespace: 'ns2', pod: 'p2', container: 'c2' });
    expect(nested.levels).toEqual(['error']);
  });

  it('strips terminal escapes for search text but keeps the raw line', () => {
    const { batch, levels } = read(kubeglanceFrame([{ t: T0, body: '\x1b[31mERROR\x1b[0m x', level: '' }]));
    expect(batch.bodies).toEqual(['\x1b[31mERROR\x1b[0m x']);
    expect(batch.texts).toEqual(['ERROR x']);
    expect(levels).toEqual(['error']);
  });

  it('parses times given as numbers, numeric strings and ISO strings', () => {
    expect(toMillis(5)).toBe(5);
    expect(toMillis('1704164645678')).toBe(T0);
    expect(toMillis('2024-01-02T03:04:05.678Z')).toBe(T0);
    expect(toMillis(new Date(T0))).toBe(T0);
    expect(toMillis(null)).toBeNaN();
  });
});

function batchOf(times: number[], tag: string): LogBatch {
  return {
    length: times.length,
    times,
    bodies: times.map((_, i) => `${tag}${i}`),
    texts: times.map((_, i) => `${tag}${i}`),
    levels: times.map(() => 0),
    sources: times.map(() => 0),
  };
}

describe('sorting and merging', () => {
  it('sorts mixed order stably, untimed lines first', () => {
    expect(sortBatch(batchOf([3, 1, NaN, 1, 2], 'x')).bodies).toEqual(['x2', 'x1', 'x3', 'x4', 'x0']);
  });

  it('reverses newest-first input keeping equal times in source order', () => {
    expect(sortBatch(batchOf([3, 2, 2, 1], 'x')).bodies).toEqual(['x3', 'x1', 'x2', 'x0']);
  });

  it('merges sorted batches, earlier batches first on ties', () => {
    expect(mergeBatches([batchOf([1, 3], 'a'), batchOf([1, 2, 4], 'b')]).bodies).toEqual([
      'a0',
      'b0',
      'b1',
      'a1',
      'b2',
    ]);
  });
});
