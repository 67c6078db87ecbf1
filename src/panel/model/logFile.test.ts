import { formatLine, logFileCsv, logFileJson, logFileName, logFileText, singlePod } from './logFile';
import { LogStore } from './logStore';
import { absoluteFormatter } from '../view/timeFormat';

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

  it('writes JSON records with ISO times, names and levels', () => {
    const s = store();
    expect(JSON.parse(logFileJson(s, [1]))).toEqual([
      {
        time: '2024-01-02T03:04:06.678Z',
        namespace: 'shop',
        pod: 'api-0',
        container: 'app',
        level: 'error',
        line: 'bad ⟨U+202E⟩exe',
      },
    ]);
  });

  it('writes CSV a spreadsheet reads as text: quotes, line breaks and formulas', () => {
    const s = new LogStore(10);
    const src = s.sourceTable.intern('shop', 'api-0', 'app', 'n1');
    const texts = ['say "hi", then go', '=HYPERLINK("x")', 'two\nlines'];
    s.append({
      length: 3,
      times: [T0, T0 + 1, T0 + 2],
      bodies: texts,
      texts,
      levels: [3, 3, 3],
      sources: [src, src, src],
    });
    expect(logFileCsv(s, [0, 1, 2]).split('\r\n')).toEqual([
      'time,namespace,pod,container,level,line',
      '2024-01-02T03:04:05.678Z,shop,api-0,app,info,"say ""hi"", then go"',
      `2024-01-02T03:04:05.679Z,shop,api-0,app,info,"'=HYPERLINK(""x"")"`,
      '2024-01-02T03:04:05.680Z,shop,api-0,app,info,"two\nlines"',
      '',
    ]);
  });

  it('names files after the one pod the lines come from, or the panel title', () => {
    const s = store();
    const at = new Date(T0);
    expect(singlePod(s, [0, 1])).toBe('api-0');
    expect(logFileName('Checkout logs', at, 'csv', singlePod(s, [0, 1]))).toBe('api-0-20240102-030405.csv');
    expect(logFileName('Checkout logs', at, 'json')).toBe('Checkout-logs-20240102-030405.json');
  });

  it('names files after the panel title, safely', () => {
    const at = new Date(T0);
    expect(logFileName('Checkout / API logs', at)).toBe('Checkout-API-logs-20240102-030405.log');
    expect(logFileName('../../etc', at)).toBe('etc-20240102-030405.log');
    expect(logFileName('', at)).toBe('pod-logs-20240102-030405.log');
  });
});
