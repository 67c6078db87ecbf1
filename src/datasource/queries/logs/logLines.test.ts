import { LogRows, mergeByTime, nanoKey, parseKubeletLog } from './logLines';

const META = { namespace: 'shop', pod: 'web-1', container: 'app', node: 'node-a' };

/** The kubelet output for three docker-format records with timestamps=true (derived case in the recorded fixtures). */
const THREE_LINES =
  '2020-09-27T11:18:01.000000000Z line1\n2020-09-27T11:18:02.000000000Z line2\n2020-09-27T11:18:03.000000000Z line3\n';

function parse(text: string, opts?: Parameters<typeof parseKubeletLog>[2]): LogRows {
  return parseKubeletLog(text, META, opts);
}

/** Every column must be exactly `count` long, or frames built from them would misalign. */
function expectAligned(rows: LogRows) {
  for (const col of [rows.timeMs, rows.nanos, rows.tsNanos, rows.body, rows.level, rows.seq, rows.labels]) {
    expect(col).toHaveLength(rows.count);
  }
}

describe('parseKubeletLog', () => {
  it('splits a kubelet body into timed rows with bodies after the one space', () => {
    const rows = parse(THREE_LINES);
    expectAligned(rows);
    expect(rows.count).toBe(3);
    expect(rows.body).toEqual(['line1', 'line2', 'line3']);
    expect(rows.timeMs).toEqual([
      Date.UTC(2020, 8, 27, 11, 18, 1),
      Date.UTC(2020, 8, 27, 11, 18, 2),
      Date.UTC(2020, 8, 27, 11, 18, 3),
    ]);
    expect(rows.tsNanos).toEqual([
      '2020-09-27T11:18:01.000000000Z',
      '2020-09-27T11:18:02.000000000Z',
      '2020-09-27T11:18:03.000000000Z',
    ]);
    expect(rows.untimed).toEqual([]);
    expect(rows.partialLast).toBe(false);
    expect(rows.capped).toBe(false);
  });

  it('keeps the nine fractional digits: ms in timeMs, the rest in nanos', () => {
    const rows = parse('2016-10-20T18:39:20.576064430Z cri stdout test log\n1970-01-01T00:20:34.000043210Z early\n');
    expect(rows.timeMs).toEqual([Date.UTC(2016, 9, 20, 18, 39, 20, 576), 1234000]);
    expect(rows.nanos).toEqual([64430, 43210]);
    expect(rows.body).toEqual(['cri stdout test log', 'early']);
  });

  it('applies zone offsets to the exact millisecond', () => {
    const rows = parse(
      '2026-01-02T12:00:00.123456789+02:00 east\n2026-01-02T04:30:00.123456789-05:30 west\n2026-01-02T10:00:00.123456789Z utc\n'
    );
    const expected = Date.UTC(2026, 0, 2, 10, 0, 0, 123);
    expect(rows.timeMs).toEqual([expected, expected, expected]);
    expect(rows.nanos).toEqual([456789, 456789, 456789]);
    expect(rows.untimed).toEqual([]);
  });

  it('recomputes the date when lines cross midnight, a month and a year', () => {
    const rows = parse(
      [
        '2025-12-31T23:59:59.999999999Z a',
        '2026-01-01T00:00:00.000000001Z b',
        '2026-01-31T23:59:59.500000000Z c',
        '2026-02-01T00:00:00.000000000Z d',
        '2024-02-29T12:00:00.000000000Z leap',
      ].join('\n')
    );
    expect(rows.timeMs).toEqual([
      Date.UTC(2025, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 31, 23, 59, 59, 500),
      Date.UTC(2026, 1, 1),
      Date.UTC(2024, 1, 29, 12),
    ]);
    expect(rows.nanos).toEqual([999999, 1, 0, 0, 0]);
  });

  it('accepts shorter fractions and none, as other runtimes might write', () => {
    const rows = parse(
      '2020-09-27T11:18:01.5Z half\n2020-09-27T11:18:02Z whole\n2020-09-27T11:18:03.1234567891Z long\n'
    );
    expect(rows.timeMs).toEqual([
      Date.UTC(2020, 8, 27, 11, 18, 1, 500),
      Date.UTC(2020, 8, 27, 11, 18, 2),
      Date.UTC(2020, 8, 27, 11, 18, 3, 123),
    ]);
    expect(rows.nanos).toEqual([0, 0, 456789]);
    expect(rows.body).toEqual(['half', 'whole', 'long']);
  });

  it('ignores the trailing newline but keeps empty bodies', () => {
    const rows = parse('2020-09-27T11:18:01.000000000Z \n2020-09-27T11:18:02.000000000Z\n');
    expectAligned(rows);
    expect(rows.body).toEqual(['', '']);
    expect(rows.untimed).toEqual([]);
    expect(parse('').count).toBe(0);
    expect(parse('\n').body).toEqual(['']);
  });

  it('strips a trailing carriage return', () => {
    const rows = parse('2020-09-27T11:18:01.000000000Z windows line\r\n2020-09-27T11:18:02.000000000Z\r\n');
    expect(rows.body).toEqual(['windows line', '']);
    expect(rows.untimed).toEqual([]);
  });

  it('marks a body that ends mid-line and keeps that partial line', () => {
    const rows = parse('2020-09-27T11:18:01.000000000Z line1\n2020-09-27T11:18:02.000000000Z li');
    expect(rows.body).toEqual(['line1', 'li']);
    expect(rows.partialLast).toBe(true);
    expect(rows.timeMs[1]).toBe(Date.UTC(2020, 8, 27, 11, 18, 2));
  });

  it('keeps a line cut inside its timestamp by limitBytes, untimed, and reports capped from the caller', () => {
    // limitBytes counts the prefix: 31 + 6 bytes for the first line, then 9 bytes of the second prefix.
    const cut = THREE_LINES.slice(0, 37 + 9);
    expect(cut.endsWith('2020-09-2')).toBe(true);
    const rows = parse(cut, { capped: true });
    expect(rows.count).toBe(2);
    expect(rows.body).toEqual(['line1', '2020-09-2']);
    expect(rows.untimed).toEqual([1]);
    expect(rows.timeMs[1]).toBe(rows.timeMs[0]);
    expect(rows.partialLast).toBe(true);
    expect(rows.capped).toBe(true);
  });

  it('keeps lines without a timestamp prefix, with a neighbour time, and flags them', () => {
    const rows = parse(
      'tail of a cut first line\n2020-09-27T11:18:01.000000000Z line1\nno prefix here\n2020-09-27 11:18:02 not RFC3339\n2020-13-27T11:18:03.000000000Z bad month\n'
    );
    expectAligned(rows);
    expect(rows.count).toBe(5);
    expect(rows.body[0]).toBe('tail of a cut first line');
    expect(rows.body[2]).toBe('no prefix here');
    expect(rows.body[4]).toBe('2020-13-27T11:18:03.000000000Z bad month');
    expect(rows.untimed).toEqual([0, 2, 3, 4]);
    const t1 = Date.UTC(2020, 8, 27, 11, 18, 1);
    expect(rows.timeMs).toEqual([t1, t1, t1, t1, t1]);
  });

  it('gives a body without any timestamps the fallback time', () => {
    const t = Date.UTC(2026, 0, 2, 10);
    const rows = parse('plain\nlines\n', { timeIfMissing: t });
    expect(rows.timeMs).toEqual([t, t]);
    expect(rows.tsNanos).toEqual(['2026-01-02T10:00:00.000000000Z', '2026-01-02T10:00:00.000000000Z']);
    expect(rows.seq).toEqual([0, 1]);
    expect(rows.untimed).toEqual([0, 1]);
  });

  it('numbers rows sharing an instant, restarting at each new instant', () => {
    const rows = parse(
      [
        '2020-09-27T11:18:01.000000001Z a',
        '2020-09-27T11:18:01.000000001Z b',
        '2020-09-27T11:18:01.000000001Z c',
        '2020-09-27T11:18:01.000000002Z d',
        '2020-09-27T11:18:01.000000002Z e',
      ].join('\n')
    );
    expect(rows.seq).toEqual([0, 1, 2, 0, 1]);
  });

  it('detects levels per line unless asked not to', () => {
    const text =
      '2020-09-27T11:18:01.000000000Z {"level":"error"}\n2020-09-27T11:18:02.000000000Z I0927 11:18:02.000000 1 x.go:1] ok\n';
    expect(parse(text).level).toEqual(['error', 'info']);
    expect(parse(text, { skipLevels: true }).level).toEqual(['unknown', 'unknown']);
  });

  it('shares one labels object per stream and leaves out an absent node', () => {
    const rows = parse(THREE_LINES);
    expect(rows.labels[0]).toEqual(META);
    expect(rows.labels[1]).toBe(rows.labels[0]);
    const noNode = parseKubeletLog(THREE_LINES, { namespace: 'a', pod: 'b', container: 'c' });
    expect(Object.keys(noNode.labels[0])).toEqual(['namespace', 'pod', 'container']);
  });
});

describe('nanoKey', () => {
  it('gives epoch nanoseconds as text, the same for one instant in any zone', () => {
    expect(nanoKey('2016-10-20T18:39:20.576064430Z')).toBe('1476988760576064430');
    expect(nanoKey('2016-10-20T20:39:20.576064430+02:00')).toBe('1476988760576064430');
    expect(nanoKey('1970-01-01T00:20:34.000043210Z')).toBe('1234000043210');
  });

  it('orders as the instants do when compared as text of equal length', () => {
    const a = nanoKey('2026-01-02T10:00:00.000000001Z')!;
    const b = nanoKey('2026-01-02T10:00:00.000000002Z')!;
    const c = nanoKey('2026-01-02T10:00:01.000000000Z')!;
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });

  it('refuses text that is not a timestamp', () => {
    expect(nanoKey('2016-10-20 18:39:20Z')).toBeUndefined();
    expect(nanoKey('2016-10-20T18:39:20.576064430Z trailing')).toBeUndefined();
    expect(nanoKey('')).toBeUndefined();
  });
});

describe('mergeByTime', () => {
  const A = { namespace: 'shop', pod: 'web-1', container: 'app' };
  const B = { namespace: 'shop', pod: 'web-2', container: 'app' };

  it('interleaves streams in time order, ties in part order, each part in its own order', () => {
    const a = parseKubeletLog(
      'a-untimed\n2026-01-02T10:00:01.000000000Z a1\n2026-01-02T10:00:03.000000000Z a3\n2026-01-02T10:00:03.000000000Z a3b\n',
      A
    );
    const b = parseKubeletLog(
      '2026-01-02T10:00:02.000000000Z b2\n2026-01-02T10:00:03.000000000Z b3\n2026-01-02T10:00:04.000000000Z b4\n',
      B,
      { capped: true }
    );
    const merged = mergeByTime([a, b]);
    expectAligned(merged);
    expect(merged.body).toEqual(['a-untimed', 'a1', 'b2', 'a3', 'a3b', 'b3', 'b4']);
    expect(merged.labels.map((l) => l.pod)).toEqual(['web-1', 'web-1', 'web-2', 'web-1', 'web-1', 'web-2', 'web-2']);
    expect(merged.seq).toEqual([0, 1, 0, 0, 1, 0, 0]);
    expect(merged.untimed).toEqual([0]);
    expect(merged.capped).toBe(true);
    // Swapping the parts swaps who wins ties.
    expect(mergeByTime([b, a]).body).toEqual(['a-untimed', 'a1', 'b2', 'b3', 'a3', 'a3b', 'b4']);
  });

  it('orders by the nanoseconds below the millisecond', () => {
    const a = parseKubeletLog('2026-01-02T10:00:00.000000900Z late\n', A);
    const b = parseKubeletLog('2026-01-02T10:00:00.000000100Z early\n', B);
    expect(mergeByTime([a, b]).body).toEqual(['early', 'late']);
  });

  it('handles many parts, empty parts and no parts', () => {
    const parts = Array.from({ length: 9 }, (_, k) =>
      parseKubeletLog(
        // Part k writes at seconds k, 10 + k, 20 + k: every part sorted, the parts interleaved.
        [0, 1, 2]
          .map((i) => `2026-01-02T10:00:${String(i * 10 + k).padStart(2, '0')}.000000000Z p${k}-${i}`)
          .join('\n'),
        { namespace: 'n', pod: `p${k}`, container: 'c' }
      )
    );
    const merged = mergeByTime([parseKubeletLog('', A), ...parts]);
    const expected = [0, 1, 2].flatMap((i) => Array.from({ length: 9 }, (_, k) => `p${k}-${i}`));
    expect(merged.body).toEqual(expected);
    expect(mergeByTime([]).count).toBe(0);
    expect(mergeByTime([a1()]).body).toEqual(['only']);
  });
});

function a1(): LogRows {
  return parseKubeletLog('2026-01-02T10:00:00.000000000Z only\n', META);
}
