import { lastValueFrom } from 'rxjs';

import { FetchQueue } from '../../proxy-harness/fetchQueue';
import { createBackendSrv } from './backendSrv';

/*
 * The playground's backendSrv queues like Grafana's (public/app/core/services/backend_srv.ts with FetchQueue and
 * FetchQueueWorker): at most 5 data-proxy requests reach the network at a time.
 */

type Pending = { url: string; answer: () => void };

function fakeFetch(pending: Pending[]) {
  return jest.fn(
    (url: string) =>
      new Promise((resolve) =>
        pending.push({
          url,
          answer: () =>
            resolve({
              status: 200,
              statusText: 'OK',
              headers: new Map([['content-type', 'application/json']]),
              text: async () => '{}',
            }),
        })
      )
  );
}

const realFetch = window.fetch;
afterEach(() => {
  window.fetch = realFetch;
});

test('sends at most 5 data-proxy requests at once; the 6th goes when one is answered', async () => {
  const pending: Pending[] = [];
  window.fetch = fakeFetch(pending) as unknown as typeof window.fetch;
  const queue = new FetchQueue();
  const srv = createBackendSrv([], queue);
  const urls = Array.from({ length: 6 }, (_, i) => `/api/datasources/proxy/uid/kubeglance-playground/api/v1/n${i}`);
  const answers = urls.map((url) => lastValueFrom(srv.fetch({ url })));
  expect(pending.map((p) => p.url)).toEqual(urls.slice(0, 5));
  expect(queue.stats()).toMatchObject({ inFlight: 5, waiting: 1 });
  pending[0].answer();
  await answers[0];
  expect(pending.map((p) => p.url)).toEqual(urls);
  pending.slice(1).forEach((p) => p.answer());
  await Promise.all(answers);
  expect(queue.stats()).toMatchObject({ maxConcurrent: 5, inFlight: 0, started: 6 });
});
