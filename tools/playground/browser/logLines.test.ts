import { FieldType } from '@grafana/data';

import { LineDeduper, logsFrame, parseTimestampedLog } from './logLines';

describe('parseTimestampedLog', () => {
  it('splits each line at the first space into its RFC3339 time and the text', () => {
    const lines = parseTimestampedLog(
      '2025-01-01T10:00:00.123456789Z GET /cart 200\n2025-01-01T10:00:01Z {"level":"warn"}\n'
    );
    expect(lines).toEqual([
      { stamp: '2025-01-01T10:00:00.123456789Z', timeMs: Date.UTC(2025, 0, 1, 10, 0, 0, 123), body: 'GET /cart 200' },
      { stamp: '2025-01-01T10:00:01Z', timeMs: Date.UTC(2025, 0, 1, 10, 0, 1), body: '{"level":"warn"}' },
    ]);
  });

  it('skips lines without a readable time', () => {
    expect(parseTimestampedLog('no-time here\n\n2025-01-01T10:00:00Z ok')).toHaveLength(1);
  });
});

describe('LineDeduper', () => {
  it('drops the boundary second lines a poll from sinceTime repeats, and asks from the last second seen', () => {
    const d = new LineDeduper();
    expect(d.sinceTime).toBeUndefined();
    const first = parseTimestampedLog('2025-01-01T10:00:00.1Z a\n2025-01-01T10:00:01.5Z b');
    expect(d.fresh(first).map((l) => l.body)).toEqual(['a', 'b']);
    expect(d.sinceTime).toBe('2025-01-01T10:00:01Z');

    const again = parseTimestampedLog('2025-01-01T10:00:01.5Z b\n2025-01-01T10:00:01.7Z c\n2025-01-01T10:00:02Z d');
    expect(d.fresh(again).map((l) => l.body)).toEqual(['c', 'd']);
    expect(d.sinceTime).toBe('2025-01-01T10:00:02Z');
  });
});

describe('logsFrame', () => {
  it('builds the timestamp, body, id and labels fields of a Grafana logs frame', () => {
    const frame = logsFrame('A', [{ timeMs: 5, body: 'x', id: 'p/1' }], { pod: 'p' });
    expect(frame.meta?.type).toBe('log-lines');
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['timestamp', FieldType.time],
      ['body', FieldType.string],
      ['id', FieldType.string],
      ['labels', FieldType.other],
    ]);
    expect(frame.fields[3].values[0]).toEqual({ pod: 'p' });
    expect(frame.length).toBe(1);
  });
});
