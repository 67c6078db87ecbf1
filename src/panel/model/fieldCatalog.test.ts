import { fieldCatalog } from './fieldCatalog';
import { LogStore } from './logStore';

function store(texts: string[]): LogStore {
  const s = new LogStore(100);
  s.sourceTable.internLabels({ app: 'api', stream: 'stdout' });
  s.append({
    length: texts.length,
    times: texts.map((_, i) => i),
    bodies: texts.slice(),
    texts,
    levels: texts.map(() => 0),
    sources: texts.map(() => 0),
  });
  return s;
}

describe('fieldCatalog', () => {
  it('lists fields of structured lines, most common first, and the stream labels', () => {
    const s = store(['{"msg":"a","user":"x"}', 'plain', 'msg=b took=3', '{"msg":"c"}']);
    expect(fieldCatalog(s)).toEqual({ fields: ['msg', 'took', 'user'], labels: ['app', 'stream'] });
  });

  it('samples only the newest lines', () => {
    const s = store(['{"old":1}', '{"new":1}']);
    expect(fieldCatalog(s, 1).fields).toEqual(['new']);
  });
});
