import { formatLine, logFileName, logFileText } from './logFile';
import { LogStore } from './logStore';
import { absoluteFormatter } from './timeFormat';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function store(): LogStore {
  const s = new LogStore(10);
  const src = s.sourceTable.intern('shop', 'api-0', 'app', 'n1');
  s.append({
    length: 2,
    times: [T0, T0 + 1000],
    bodies: ['\x1b[32mready\x1b[0m', 'bad \u202Eexe'],
    texts: ['ready', 'bad \u202Eexe'],
    levels: [3, 1],
    sources: [src, src],
  });
  return s;
}

describe('log files', () => {
  it('formats a line as shown: time, pod/container, text with controls visible', () => {
    const s = store();
    expect(formatLine(s, 1, { time: absoluteFormatter('utc'), showSource: true })).toBe(
      '2024-01-02 03:04:06.678 api-0/app bad ⟨U+202E⟩exe'
    );
    expect(formatLine(s, 0, { time: () => '', showSource: false })).toBe('ready');
  });

  it('writes one newline-terminated line per row', () => {
    const s = store();
    expect(logFileText(s, [0, 1], { time: () => '', showSource: true })).toBe(
      'api-0/app ready\napi-0/app bad ⟨U+202E⟩exe\n'
    );
    expect(logFileText(s, [], { time: () => '', showSource: true })).toBe('');
  });

  it('names files after the panel title, safely', () => {
    const at = new Date(T0);
    expect(logFileName('Checkout / API logs', at)).toBe('Checkout-API-logs-20240102-030405.log');
    expect(logFileName('../../etc', at)).toBe('etc-20240102-030405.log');
    expect(logFileName('', at)).toBe('pod-logs-20240102-030405.log');
  });
});
