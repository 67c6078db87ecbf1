import { fieldFilterText, passesFieldFilters, withFieldFilter, withoutFieldFilter } from './fieldFilters';
import { lineFields } from './lineFields';

const passes = (line: string, ...filters: Array<[string, string, boolean]>) =>
  passesFieldFilters(
    lineFields(line),
    filters.map(([key, value, negate]) => ({ key, value, negate }))
  );

describe('passesFieldFilters', () => {
  it('keeps lines with the value for "filter for", drops them for "filter out"', () => {
    expect(passes('{"status":500}', ['status', '500', false])).toBe(true);
    expect(passes('{"status":200}', ['status', '500', false])).toBe(false);
    expect(passes('status=500 path=/cart', ['status', '500', true])).toBe(false);
    expect(passes('status=200 path=/cart', ['status', '500', true])).toBe(true);
  });

  it('treats a line without the field, or plain text, as not having the value', () => {
    expect(passes('GET /cart 500', ['status', '500', false])).toBe(false);
    expect(passes('GET /cart 500', ['status', '500', true])).toBe(true);
    expect(passes('{"path":"/cart"}', ['status', '500', false])).toBe(false);
  });

  it('needs every key to hold, and any of several values of one key', () => {
    const either: Array<[string, string, boolean]> = [
      ['status', '500', false],
      ['status', '503', false],
    ];
    expect(passes('{"status":503}', ...either)).toBe(true);
    expect(passes('{"status":404}', ...either)).toBe(false);
    expect(passes('{"status":503,"user":"bob"}', ...either, ['user', 'bob', true])).toBe(false);
    expect(passes('{"status":503,"user":"amy"}', ...either, ['user', 'bob', true])).toBe(true);
  });
});

describe('field filter lists', () => {
  const forBob = { key: 'user', value: 'bob', negate: false };
  const outBob = { key: 'user', value: 'bob', negate: true };

  it('adds once, and a filter of the other sense replaces its opposite', () => {
    expect(withFieldFilter(withFieldFilter([], forBob), forBob)).toEqual([forBob]);
    expect(withFieldFilter([forBob], outBob)).toEqual([outBob]);
    expect(withoutFieldFilter([forBob, { key: 'n', value: '1', negate: false }], forBob)).toEqual([
      { key: 'n', value: '1', negate: false },
    ]);
  });

  it('names filters for their chips', () => {
    expect(fieldFilterText(forBob)).toBe('user = bob');
    expect(fieldFilterText({ key: 'msg', value: '', negate: true })).toBe('msg ≠ ""');
  });
});
