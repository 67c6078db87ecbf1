import { headersOf, headerValue, parseRetryAfter } from './headers';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['7', 7],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 12:00:04 GMT', 4],
    ['Wed, 01 Jan 2025 11:59:00 GMT', 0],
  ])('%p is %p s', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it.each([undefined, '', 'soon', '-3', '1.5e3'])('%p is unusable', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('headerValue and headersOf', () => {
  it('finds a header in a record whatever its case, or in a Headers', () => {
    expect(headerValue({ 'Retry-After': '3' }, 'retry-after')).toBe('3');
    expect(headerValue(new Headers({ Server: 'nginx' }), 'server')).toBe('nginx');
    expect(headerValue(undefined, 'server')).toBeUndefined();
    expect(headerValue({}, 'server')).toBeUndefined();
  });

  it('reads headers off an error object only when it has some', () => {
    expect(headersOf({ status: 503, headers: { server: 'x' } })).toEqual({ server: 'x' });
    expect(headersOf({ status: 503, data: {} })).toBeUndefined();
    expect(headersOf(null)).toBeUndefined();
  });
});
