import { DataFrame, DataFrameType, FieldType } from '@grafana/data';

import { mergeByTime, parseKubeletLog } from './logLines';
import { logsFrame } from './logsFrame';

const META = { namespace: 'shop', pod: 'web-1', container: 'app', node: 'node-a' };

const TEXT = [
  '2026-01-02T10:00:00.100000001Z {"level":"info","msg":"started"}',
  '2026-01-02T10:00:00.100000001Z {"level":"warn","msg":"same instant"}',
  '2026-01-02T10:00:00.100000001Z ERROR third at that instant',
  '2026-01-02T10:00:00.100000002Z plain',
  '2026-01-02T10:00:01.000000000Z level=error msg=boom',
].join('\n');

function values(frame: DataFrame, name: string): unknown[] {
  const field = frame.fields.find((f) => f.name === name);
  if (!field) {
    throw new Error(`no field ${name}`);
  }
  return field.values;
}

function ids(text: string): string[] {
  return values(logsFrame(parseKubeletLog(text, META), 'A'), 'id') as string[];
}

describe('logsFrame', () => {
  it('has the field names and types Grafana logs frames need, and logs meta', () => {
    const frame = logsFrame(parseKubeletLog(TEXT, META), 'A');
    expect(frame.refId).toBe('A');
    expect(frame.length).toBe(5);
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['timestamp', FieldType.time],
      ['body', FieldType.string],
      ['severity', FieldType.string],
      ['id', FieldType.string],
      ['labels', FieldType.other],
    ]);
    expect(frame.meta?.type).toBe(DataFrameType.LogLines);
    expect(frame.meta?.preferredVisualisationType).toBe('logs');
    for (const f of frame.fields) {
      expect(f.values).toHaveLength(5);
    }
  });

  it('carries ms times with the sub-ms nanoseconds, bodies and detected severities', () => {
    const frame = logsFrame(parseKubeletLog(TEXT, META), 'A');
    const t = Date.UTC(2026, 0, 2, 10, 0, 0, 100);
    expect(values(frame, 'timestamp')).toEqual([t, t, t, t, t + 900]);
    expect(frame.fields[0].nanos).toEqual([1, 1, 1, 2, 0]);
    expect(values(frame, 'body')[3]).toBe('plain');
    expect(values(frame, 'severity')).toEqual(['info', 'warning', 'error', 'unknown', 'error']);
  });

  it('gives each line a readable id: stream, kubelet timestamp, index among equal timestamps', () => {
    expect(ids(TEXT)).toEqual([
      'shop/web-1/app/2026-01-02T10:00:00.100000001Z/0',
      'shop/web-1/app/2026-01-02T10:00:00.100000001Z/1',
      'shop/web-1/app/2026-01-02T10:00:00.100000001Z/2',
      'shop/web-1/app/2026-01-02T10:00:00.100000002Z/0',
      'shop/web-1/app/2026-01-02T10:00:01.000000000Z/0',
    ]);
  });

  it('gives ids that are unique, and the same when the same text is parsed again', () => {
    const first = ids(TEXT);
    expect(new Set(first).size).toBe(first.length);
    expect(ids(TEXT)).toEqual(first);
  });

  it('gives the same ids across a poll boundary that starts a new second', () => {
    const a = `${TEXT}\n2026-01-02T10:00:01.000000000Z last of poll one\n`;
    const b = '2026-01-02T10:00:02.000000000Z first of poll two\n2026-01-02T10:00:02.000000000Z again\n';
    expect(ids(a + b)).toEqual([...ids(a), ...ids(b)]);
  });

  it('keeps ids unique across merged streams', () => {
    const other = { ...META, pod: 'web-2' };
    const merged = mergeByTime([parseKubeletLog(TEXT, META), parseKubeletLog(TEXT, other)]);
    const frameIds = values(logsFrame(merged, 'A'), 'id') as string[];
    expect(new Set(frameIds).size).toBe(10);
    expect(frameIds.slice(0, 2)).toEqual([
      'shop/web-1/app/2026-01-02T10:00:00.100000001Z/0',
      'shop/web-1/app/2026-01-02T10:00:00.100000001Z/1',
    ]);
    expect(frameIds).toContain('shop/web-2/app/2026-01-02T10:00:00.100000001Z/2');
  });

  it('gives every row of a stream the same labels object', () => {
    const labels = values(logsFrame(parseKubeletLog(TEXT, META), 'A'), 'labels');
    expect(labels[0]).toEqual({ namespace: 'shop', pod: 'web-1', container: 'app', node: 'node-a' });
    expect(new Set(labels).size).toBe(1);
  });

  it('keeps the newest rows under a limit and says so in meta', () => {
    const frame = logsFrame(parseKubeletLog(TEXT, META), 'A', { limit: 2 });
    expect(frame.length).toBe(2);
    expect(values(frame, 'body')).toEqual(['plain', 'level=error msg=boom']);
    expect(values(frame, 'id')).toEqual([
      'shop/web-1/app/2026-01-02T10:00:00.100000002Z/0',
      'shop/web-1/app/2026-01-02T10:00:01.000000000Z/0',
    ]);
    expect(frame.fields[0].nanos).toEqual([2, 0]);
    expect(frame.meta?.limit).toBe(2);
    expect(frame.meta?.custom).toMatchObject({ limit: 2 });
  });

  it('passes capped, a partial last line, search words and notices through meta', () => {
    const rows = parseKubeletLog('2026-01-02T10:00:00.000000000Z cut mid-li', META, { capped: true });
    const notices = [{ severity: 'info' as const, text: 'limitBytes reached' }];
    const frame = logsFrame(rows, 'B', { searchWords: ['cut'], notices });
    expect(frame.meta?.custom).toEqual({ capped: true, partialLast: true, searchWords: ['cut'] });
    expect(frame.meta?.searchWords).toEqual(['cut']);
    expect(frame.meta?.notices).toEqual(notices);
    const plain = logsFrame(parseKubeletLog(TEXT, META), 'C');
    expect(plain.meta?.custom).toEqual({ capped: false, partialLast: true });
    expect(plain.meta?.notices).toBeUndefined();
  });

  it('builds an empty frame with the same fields', () => {
    const frame = logsFrame(parseKubeletLog('', META), 'A');
    expect(frame.length).toBe(0);
    expect(frame.fields.map((f) => f.name)).toEqual(['timestamp', 'body', 'severity', 'id', 'labels']);
  });
});
