/** @jest-environment jsdom */
// Retries, the request gate and error pages end to end: the data source, the proxy harness and kube-sim over
// real HTTP. The client's retry waits go through an injected sleep that records them and does not wait.
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { lastValueFrom, Observable, of, toArray } from 'rxjs';

import { KubeSim, startKubeSim } from '../../tools/kube-sim';
import { KubeDataSource } from './datasource';
import { KubeQuery } from './types';
import { kubeSimForTests } from './testing/kubeSim';
import { harnessDataSource, type HarnessFetch as Fetch, queryRequest } from './testing/harnessDataSource';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => {
    throw new Error('tests must go through the proxy harness');
  },
  getTemplateSrv: () => ({ replace: (s: string) => s }),
}));

const sim = kubeSimForTests({ nodes: 4, podsPerNode: 3, seed: 5 });

function makeDs(jsonData: Record<string, unknown> = {}, on: KubeSim = sim(), wrap: (f: Fetch) => Fetch = (f) => f) {
  const waits: number[] = [];
  const sleep = (ms: number): Observable<unknown> => {
    waits.push(ms);
    return of(0);
  };
  return { ...harnessDataSource(on, { harness: { jsonData }, wrap, sleep }), waits };
}

async function run(ds: KubeDataSource, q: Partial<KubeQuery>): Promise<DataQueryResponse> {
  const responses = await lastValueFrom(
    ds.query(queryRequest([{ refId: 'A', queryType: 'nodes', ...q } as KubeQuery])).pipe(toArray())
  );
  expect(responses).toHaveLength(1);
  return responses[0];
}

const noticesOf = (res: DataQueryResponse) =>
  (res.data as DataFrame[]).flatMap((f) => f.meta?.notices ?? []).map((n) => `${n.severity}: ${n.text}`);
const column = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!.values;

describe('retries through the data source', () => {
  it('a nodes query throttled twice (429) shows its data and says it was retried', async () => {
    sim().faults.tooManyRequests({ pathPrefix: '/api/v1/nodes', retryAfterSeconds: 1, times: 2 });
    const { ds, waits } = makeDs();
    const res = await run(ds, {});
    expect(res.errors).toBeUndefined();
    expect(column(res.data[0], 'node')).toHaveLength(sim().cluster.nodes.length);
    expect(noticesOf(res)).toContain('info: The API server throttled 1 request (429); it was retried after 1 s.');
    // the Status' details.retryAfterSeconds: Grafana does not pass the Retry-After header on
    expect(waits).toEqual([1000, 1000]);
    expect(
      sim()
        .faults.requestsTo('/api/v1/nodes')
        .filter((r) => r.path === '/api/v1/nodes')
    ).toHaveLength(3);
  });

  it('an API server 503 is retried after a short backoff', async () => {
    sim().faults.errorRate({ pathPrefix: '/apis/metrics.k8s.io/v1/nodes', status: 503, times: 1 });
    const { ds, waits } = makeDs();
    const res = await run(ds, {});
    expect(res.errors).toBeUndefined();
    expect(column(res.data[0], 'cpu').every((v: unknown) => typeof v === 'number')).toBe(true);
    expect(noticesOf(res)).toContain(
      'info: The API server was unavailable for 1 request (503); it was retried after 0.5 s.'
    );
    expect(waits).toEqual([500]);
  });

  it('throttled past the bound: the error says how often it was retried, the frame warns', async () => {
    sim().faults.tooManyRequests({ pathPrefix: '/apis/metrics.k8s.io', retryAfterSeconds: 1 });
    const { ds, waits } = makeDs();
    const res = await run(ds, {});
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(res.errors?.[0].message).toMatch(/429 Too Many Requests\) \(retried 3 times over 3 s\)/);
    expect(noticesOf(res)).toContain(
      'warning: The API server throttled 1 request (429); it was retried after 1 s, and it still failed. ' +
        'Raise the refresh interval or lower the fan-out concurrency if this repeats.'
    );
    // the Node objects still show
    expect(column(res.data[0], 'node')).toHaveLength(sim().cluster.nodes.length);
  });

  it('a time-series poll notes its retries too', async () => {
    sim().faults.tooManyRequests({ pathPrefix: '/apis/metrics.k8s.io', retryAfterSeconds: 2, times: 1 });
    const { ds } = makeDs();
    try {
      const res = await run(ds, { format: 'timeseries' });
      expect(res.errors ?? []).toEqual([]);
      expect(noticesOf(res)).toContain('info: The API server throttled 1 request (429); it was retried after 2 s.');
    } finally {
      ds.sampler.dispose();
    }
  });

  it('a query without retries has no retry notice', async () => {
    const { ds } = makeDs();
    const res = await run(ds, {});
    expect(noticesOf(res).filter((n) => /retried/.test(n))).toEqual([]);
  });
});

describe('the request gate through the data source', () => {
  let big: KubeSim;
  beforeAll(async () => {
    big = await startKubeSim({ nodes: 12, podsPerNode: 2, seed: 5 });
  });
  afterAll(async () => {
    await big.stop();
  });

  it('a kubelet fan-out over 12 nodes sends at most 5 requests at once, however high the setting', async () => {
    let open = 0;
    let most = 0;
    // count what is in flight where Grafana's queue would be
    const counting =
      (fetch: Fetch): Fetch =>
      (req) =>
        new Observable((s) => {
          most = Math.max(most, ++open);
          const sub = fetch(req).subscribe(s);
          return () => {
            open--;
            sub.unsubscribe();
          };
        });
    const { ds, harness } = makeDs({ kubeletAccess: true, fanOutConcurrency: 64 }, big, counting);
    const res = await run(ds, { queryType: 'summary', scope: 'node' } as Partial<KubeQuery>);
    expect(res.data.length).toBeGreaterThan(0);
    const summaries = harness.requests.filter((r) => r.url.endsWith('/proxy/stats/summary'));
    expect(summaries).toHaveLength(big.cluster.nodes.length);
    expect(most).toBe(5);
  });
});

describe('error pages through the data source', () => {
  const NGINX_502 =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
    '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

  it('an HTML 502 from a front is summarised, never quoted', async () => {
    sim().faults.errorRate({ pathPrefix: '/api/v1/nodes', status: 502, body: NGINX_502, contentType: 'text/html' });
    const { ds } = makeDs();
    const res = await run(ds, {});
    const message = res.errors?.[0].message ?? '';
    expect(message).toMatch(/^The API server's front \(nginx\) answered 502 Bad Gateway\. /);
    expect(message).not.toMatch(/[<>]/);
  });

  it('an API server Grafana cannot connect to is unreachable, pointing at Grafana’s log', async () => {
    const gone = await startKubeSim({ nodes: 1, podsPerNode: 1 });
    const url = gone.url;
    await gone.stop();
    const { ds } = harnessDataSource(sim(), { harness: { url } });
    const res = await run(ds, {});
    expect(res.errors?.[0].message).toMatch(/^Grafana could not connect to the API server/);
    expect(res.errors?.[0].message).toMatch(/logger=data-proxy-log/);
  });
});
