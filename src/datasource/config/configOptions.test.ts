import { authMethodOf, fanOutConcurrencyError, parseNumberInput, pollIntervalError, rangeError } from './configOptions';

describe('authMethodOf', () => {
  it('prefers the saved method', () => {
    expect(authMethodOf({ authMethod: 'token', tlsAuth: true })).toBe('token');
  });

  it('reads older settings from the flags Grafana acts on', () => {
    expect(authMethodOf({ oauthPassThru: true })).toBe('oauth');
    expect(authMethodOf({ tlsAuth: true })).toBe('clientCert');
    expect(authMethodOf({})).toBe('token');
  });
});

describe('number settings', () => {
  it('treats an empty box as "use the default"', () => {
    expect(parseNumberInput('')).toBeUndefined();
    expect(parseNumberInput('  ')).toBeUndefined();
    expect(parseNumberInput('12')).toBe(12);
    expect(pollIntervalError(undefined)).toBeUndefined();
  });

  it('accepts whole numbers in range, including the bounds', () => {
    expect(pollIntervalError(5)).toBeUndefined();
    expect(pollIntervalError(3600)).toBeUndefined();
    expect(fanOutConcurrencyError(1)).toBeUndefined();
    expect(fanOutConcurrencyError(5)).toBeUndefined();
  });

  it('explains values out of range or not whole', () => {
    expect(pollIntervalError(4)).toBe('Must be at least 5.');
    expect(fanOutConcurrencyError(0)).toBe('Must be at least 1.');
    expect(fanOutConcurrencyError(6)).toBe('Must be at most 5.');
    expect(rangeError(2.5, 1, 10)).toBe('Enter a whole number.');
    expect(rangeError(Number.NaN, 1, 10)).toBe('Enter a whole number.');
  });
});
