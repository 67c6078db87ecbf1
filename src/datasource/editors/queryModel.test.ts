import { CoreApp } from '@grafana/data';

import { QUERY_TYPES } from '../types';
import { parsePositiveInt, queryTypeOf, queryTypeOptions, withField, withQueryType } from './queryModel';

describe('queryModel', () => {
  it('shows an untyped query as the default type, or as logs in Explore', () => {
    expect(queryTypeOf({})).toBe('nodes');
    expect(queryTypeOf({}, CoreApp.Explore)).toBe('logs');
    expect(queryTypeOf({ queryType: 'events' }, CoreApp.Explore)).toBe('events');
  });

  it('lists logs first only in Explore', () => {
    expect(queryTypeOptions(CoreApp.Dashboard).map((o) => o.value)).toEqual(QUERY_TYPES.map((t) => t.value));
    const explore = queryTypeOptions(CoreApp.Explore).map((o) => o.value);
    expect(explore[0]).toBe('logs');
    expect([...explore].sort()).toEqual(QUERY_TYPES.map((t) => t.value).sort());
  });

  it('keeps only the fields every query has when switching type', () => {
    expect(withQueryType({ refId: 'A', queryType: 'logs', podName: 'web', tailLines: 10, key: 'k' }, 'events')).toEqual(
      { refId: 'A', key: 'k', queryType: 'events' }
    );
  });

  it('removes a field set to nothing instead of saving it empty', () => {
    const q = { refId: 'A', live: true, namespace: 'shop' };
    expect(withField(q, 'live', false)).toEqual({ refId: 'A', namespace: 'shop' });
    expect(withField(q, 'namespace', '')).toEqual({ refId: 'A', live: true });
    expect(withField(q, 'namespace', 'payments')).toEqual({ refId: 'A', live: true, namespace: 'payments' });
    expect(q).toEqual({ refId: 'A', live: true, namespace: 'shop' });
  });

  it('reads counts: empty is unset, anything but a whole number of 1 or more is invalid', () => {
    expect(parsePositiveInt(' 25 ')).toBe(25);
    expect(parsePositiveInt('')).toBeUndefined();
    for (const bad of ['0', '-3', '2.5', 'ten', '1e30']) {
      expect(parsePositiveInt(bad)).toBeNull();
    }
  });
});
