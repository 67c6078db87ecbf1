import { DataFrame, DataQueryResponse, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { RetryNote } from './retry';
import { noteRetries, noteRetriesInSnapshot, RetryLog } from './retryLog';

const retry = (request: number, status: number, delayMs: number): RetryNote => ({
  type: 'retry',
  request,
  path: '/p',
  status,
  delayMs,
});
const gaveUp = (request: number, status: number): RetryNote => ({
  type: 'gaveUp',
  request,
  path: '/p',
  status,
  retries: 3,
});

function logOf(...notes: RetryNote[]): RetryLog {
  const log = new RetryLog();
  notes.forEach((n) => log.record(n));
  return log;
}

const frame = (name: string, notices?: DataFrame['meta']): DataFrame => ({
  name,
  length: 0,
  fields: [{ name: 'x', type: FieldType.number, config: {}, values: [] }],
  meta: notices,
});

describe('RetryLog notices', () => {
  it('counts requests, not retries, and gives the range of the waits', () => {
    const log = logOf(retry(1, 429, 1000), retry(2, 429, 2000), retry(1, 429, 2000), retry(3, 429, 1000));
    expect(log.notices()).toEqual([
      { severity: 'info', text: 'The API server throttled 3 requests (429); they were retried after 1–2 s.' },
    ]);
  });

  it('one notice per status, 429 first; a request given up makes it a warning', () => {
    const log = logOf(retry(7, 503, 500), retry(8, 503, 500), gaveUp(8, 503), retry(9, 429, 1000));
    expect(log.notices()).toEqual([
      { severity: 'info', text: 'The API server throttled 1 request (429); it was retried after 1 s.' },
      {
        severity: 'warning',
        text: 'The API server was unavailable for 2 requests (503); they were retried after 0.5 s, and 1 still failed.',
      },
    ]);
  });

  it('says when every retried request still failed', () => {
    const log = logOf(retry(1, 503, 500), gaveUp(1, 503), retry(2, 503, 1000), gaveUp(2, 503));
    expect(log.notices()[0].text).toMatch(/retried after 0\.5–1 s, and all still failed\.$/);
  });

  it('is empty until something is recorded', () => {
    expect(new RetryLog().empty).toBe(true);
    expect(new RetryLog().notices()).toEqual([]);
  });
});

describe('noteRetries', () => {
  const log = logOf(retry(1, 429, 1000));

  it('adds the notices to the first frame, after its own, and leaves the rest', () => {
    const res: DataQueryResponse = {
      data: [frame('a', { notices: [{ severity: 'warning', text: 'node-2 left out' }] }), frame('b')],
      key: 'A',
    };
    const noted = noteRetries(res, log);
    expect(noted.data[0].meta.notices).toEqual([
      { severity: 'warning', text: 'node-2 left out' },
      { severity: 'info', text: 'The API server throttled 1 request (429); it was retried after 1 s.' },
    ]);
    expect(noted.data[1]).toBe(res.data[1]);
    expect(noted.key).toBe('A');
    // the module's frame is not changed: it may be shared
    expect(res.data[0].meta.notices).toHaveLength(1);
  });

  it('returns the response as it is without retries or without frames', () => {
    const res: DataQueryResponse = { data: [frame('a')] };
    expect(noteRetries(res, new RetryLog())).toBe(res);
    const failed: DataQueryResponse = { data: [], errors: [{ message: 'x' }] };
    expect(noteRetries(failed, log)).toBe(failed);
  });

  it('adds them to a live poll’s notices', () => {
    const poll: { timeMs: number; samples: []; notices?: QueryResultMetaNotice[] } = { timeMs: 1, samples: [] };
    expect(noteRetriesInSnapshot(poll, log).notices).toEqual(log.notices());
    const plain = { timeMs: 1, samples: [] };
    expect(noteRetriesInSnapshot(plain, new RetryLog())).toBe(plain);
  });
});
