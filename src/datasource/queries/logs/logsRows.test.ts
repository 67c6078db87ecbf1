import { parseKubeletLog } from './logLines';
import { appendRows, keepRows, reachedLimit, rowKey, rowsInRange, utf8Length, withoutPartialLast } from './logsRows';

const META = { namespace: 'shop', pod: 'web-1', container: 'app' };

function rows(seconds: number[], from = 0) {
  const text = seconds
    .map((s, i) => `2026-01-02T10:00:${String(s).padStart(2, '0')}.000000000Z line ${from + i}`)
    .join('\n');
  return parseKubeletLog(`${text}\n`, META);
}

describe('log row sets', () => {
  it('keeps rows in the inclusive range, and the untimed rows that fall in it', () => {
    const r = parseKubeletLog(
      '2026-01-02T10:00:01.000000000Z a\ncontinued\n2026-01-02T10:00:02.000000000Z b\n2026-01-02T10:00:03.000000000Z c\n',
      META
    );
    const t1 = Date.UTC(2026, 0, 2, 10, 0, 1);
    const kept = rowsInRange(r, t1, t1 + 1000);
    expect(kept.body).toEqual(['a', 'continued', 'b']);
    expect(kept.untimed).toEqual([1]);
    expect(rowsInRange(r, t1 + 1, undefined).body).toEqual(['b', 'c']);
  });

  it('appends newer rows and drops the oldest beyond the cap, counting them', () => {
    const a = rows([1, 2, 3]);
    const b = rows([4, 5], 3);
    const { rows: joined, dropped } = appendRows(a, b, 4);
    expect(dropped).toBe(1);
    expect(joined.body).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(joined.count).toBe(4);
    // the inputs are untouched: frames built from them stay valid
    expect(a.body).toHaveLength(3);
    const all = appendRows(a, b, 2);
    expect(all.rows.body).toEqual(['line 3', 'line 4']);
    expect(all.dropped).toBe(3);
  });

  it('drops a last row that limitBytes cut in two', () => {
    const r = parseKubeletLog('2026-01-02T10:00:01.000000000Z whole\n2026-01-02T10:00:02.000000000Z hal', META, {
      capped: true,
    });
    const whole = withoutPartialLast(r);
    expect(whole.body).toEqual(['whole']);
    expect(whole.capped).toBe(true);
    expect(whole.partialLast).toBe(false);
  });

  it('keys rows by their timestamp text and tie number', () => {
    const r = parseKubeletLog('2026-01-02T10:00:01.000000000Z a\n2026-01-02T10:00:01.000000000Z b\n', META);
    expect([rowKey(r, 0), rowKey(r, 1)]).toEqual([
      '2026-01-02T10:00:01.000000000Z/0',
      '2026-01-02T10:00:01.000000000Z/1',
    ]);
    expect(keepRows(r, (i) => i === 1).seq).toEqual([1]);
  });

  it('measures UTF-8 bytes to tell whether a body reached limitBytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(reachedLimit('aé€😀', 10)).toBe(true);
    expect(reachedLimit('aé€😀', 11)).toBe(false);
    expect(reachedLimit('abc', 3)).toBe(true);
    expect(reachedLimit('abc', 100)).toBe(false);
  });
});
