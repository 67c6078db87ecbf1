import { displayedValues } from './displayedFields';
import { LogStore } from './logStore';

function store(texts: string[]): LogStore {
  const s = new LogStore(100);
  s.sourceTable.intern('shop', 'api-0', 'app', 'node-1');
  s.sourceTable.internLabels({ pod: 'api-0', app: 'api' });
  s.append({
    length: texts.length,
    times: texts.map((_, i) => i),
    bodies: texts.slice(),
    texts,
    levels: texts.map(() => 0),
    sources: texts.map(() => 0),
    labelSets: texts.map(() => 0),
  });
  return s;
}

describe('displayedValues', () => {
  it('takes fields of the line, then labels, in the order chosen', () => {
    const s = store(['{"msg":"paid","http":{"status":500}}']);
    expect(displayedValues(s, 0, ['pod', 'http.status', 'app', 'msg'])).toEqual([
      ['pod', 'api-0'],
      ['http.status', '500'],
      ['app', 'api'],
      ['msg', 'paid'],
    ]);
  });

  it('leaves out what the row lacks, and has nothing for a plain line without those names', () => {
    const s = store(['level=info msg=ok', 'plain text']);
    expect(displayedValues(s, 0, ['msg', 'user'])).toEqual([['msg', 'ok']]);
    expect(displayedValues(s, 1, ['msg', 'user'])).toEqual([]);
    expect(displayedValues(s, 1, [])).toEqual([]);
  });
});
