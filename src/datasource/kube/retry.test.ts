import { KubeError } from './kubeError';
import { DEFAULT_RETRY_POLICY, formatSeconds, retriedError, retryDelayMs } from './retry';

const err = (status: number, kind: KubeError['kind'], retryAfterSeconds?: number) =>
  new KubeError({ kind, status, retryAfterSeconds, message: 'm', remedy: 'r', path: '/p' });

describe('retryDelayMs', () => {
  it('waits what the server asked, cut at 10 s', () => {
    expect(retryDelayMs(err(429, 'tooManyRequests', 2), 0, DEFAULT_RETRY_POLICY)).toBe(2000);
    expect(retryDelayMs(err(429, 'tooManyRequests', 0), 2, DEFAULT_RETRY_POLICY)).toBe(0);
    expect(retryDelayMs(err(503, 'unavailable', 600), 0, DEFAULT_RETRY_POLICY)).toBe(10_000);
  });

  it('backs off 0.5, 1, 2 s when the server did not say', () => {
    expect([0, 1, 2].map((i) => retryDelayMs(err(429, 'tooManyRequests'), i, DEFAULT_RETRY_POLICY))).toEqual([
      500, 1000, 2000,
    ]);
  });

  it.each([
    [503, 'metricsApiMissing'],
    [503, 'nodeUnreachable'],
    [500, 'serverError'],
    [502, 'unreachable'],
    [504, 'gatewayTimeout'],
    [undefined, 'timeout'],
  ] as const)('does not retry %p %s', (status, kind) => {
    expect(retryDelayMs(err(status as number, kind), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
  });

  it('does not retry what is not a KubeError', () => {
    expect(retryDelayMs(new Error('x'), 0, DEFAULT_RETRY_POLICY)).toBeUndefined();
  });
});

describe('retriedError', () => {
  it('keeps the error’s kind and fields and says how often and how long it was retried', () => {
    const original = err(429, 'tooManyRequests', 1);
    const e = retriedError(original, 2, 3250) as KubeError;
    expect(e).toBeInstanceOf(KubeError);
    expect(e).toMatchObject({ kind: 'tooManyRequests', status: 429, path: '/p', retryAfterSeconds: 1, retries: 2 });
    expect(e.message).toBe('m (retried 2 times over 3.3 s)');
    expect(original.retries).toBeUndefined();
  });

  it('leaves an error that was not retried alone', () => {
    const original = err(429, 'tooManyRequests');
    expect(retriedError(original, 0, 0)).toBe(original);
  });

  it('formats seconds to a tenth', () => {
    expect([0, 500, 1000, 1250, 20_000].map(formatSeconds)).toEqual(['0 s', '0.5 s', '1 s', '1.3 s', '20 s']);
  });
});
