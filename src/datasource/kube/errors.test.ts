import { describeKubeError, KubeError, kubeErrorFromResponse, toKubeError } from './errors';

// Bodies are written here in the shapes the API server, the aggregator, the kubelet and Grafana send.
const status = (code: number, reason: string, message: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
  ...extra,
});
const SA = 'system:serviceaccount:observability:kubeglance';

describe('kubeErrorFromResponse', () => {
  it('401 from the API server is unauthorized and points at the token', () => {
    const err = kubeErrorFromResponse(401, status(401, 'Unauthorized', 'Unauthorized'), '/api/v1/nodes');
    expect(err).toBeInstanceOf(KubeError);
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toMatch(/rejected the credentials/);
    expect(err.remedy).toMatch(/token/);
    expect(err.remedy).toMatch(/expire/);
    expect(err.path).toBe('/api/v1/nodes');
  });

  it.each([
    ['plain text, as the proxy writes it', 'Authentication to data source failed'],
    [
      'after backendSrv wraps the text',
      {
        message: 'Authentication to data source failed',
        error: 'Bad Request',
        response: 'Authentication to data source failed',
      },
    ],
    ['as {message}', { message: 'Authentication to data source failed' }],
  ])('Grafana’s 400 for an upstream 401 is unauthorized (%s)', (_shape, body) => {
    const err = kubeErrorFromResponse(400, body, '/api/v1/namespaces');
    expect(err.kind).toBe('unauthorized');
    expect(err.status).toBe(400);
    expect(describeKubeError(err)).toMatch(/Authentication to data source failed.*token/);
  });

  it('403 at the cluster scope names the permission and the ClusterRole rule to add', () => {
    const body = status(
      403,
      'Forbidden',
      `nodes.metrics.k8s.io is forbidden: User "${SA}" cannot list resource "nodes" in API group "metrics.k8s.io" at the cluster scope`,
      { details: { group: 'metrics.k8s.io', kind: 'nodes' } }
    );
    const err = kubeErrorFromResponse(403, body, '/apis/metrics.k8s.io/v1beta1/nodes');
    expect(err).toMatchObject({
      kind: 'forbidden',
      verb: 'list',
      resource: 'nodes',
      group: 'metrics.k8s.io',
      namespace: undefined,
    });
    expect(err.message).toContain(SA);
    expect(err.message).toContain('list nodes in API group "metrics.k8s.io" at the cluster scope');
    expect(err.remedy).toContain('{apiGroups: ["metrics.k8s.io"], resources: ["nodes"], verbs: ["list"]}');
    expect(err.remedy).toContain(`ClusterRole bound to ${SA}`);
    expect(err.remedy).not.toMatch(/powerful/);
  });

  it('403 in a namespace names the namespace and offers a Role there', () => {
    const body = status(
      403,
      'Forbidden',
      `pods "api-7d9f" is forbidden: User "${SA}" cannot get resource "pods/log" in API group "" in the namespace "shop"`
    );
    const err = kubeErrorFromResponse(403, JSON.stringify(body), '/api/v1/namespaces/shop/pods/api-7d9f/log');
    expect(err).toMatchObject({ kind: 'forbidden', verb: 'get', resource: 'pods/log', group: '', namespace: 'shop' });
    expect(err.message).toContain('in the core API group in namespace "shop"');
    expect(err.remedy).toContain('{apiGroups: [""], resources: ["pods/log"], verbs: ["get"]}');
    expect(err.remedy).toContain('a Role in namespace "shop"');
  });

  it('403 on nodes/proxy asks for the grant and warns that it is powerful', () => {
    const body = status(
      403,
      'Forbidden',
      `nodes "worker-3" is forbidden: User "${SA}" cannot get resource "nodes/proxy" in API group "" at the cluster scope`
    );
    const err = kubeErrorFromResponse(403, body, '/api/v1/nodes/worker-3/proxy/stats/summary');
    expect(err.resource).toBe('nodes/proxy');
    expect(err.remedy).toContain('resources: ["nodes/proxy"], verbs: ["get"]');
    expect(err.remedy).toMatch(/powerful/);
    expect(err.remedy).toContain('docs/rbac.md');
  });

  it('403 on a non-resource URL asks for a nonResourceURLs rule', () => {
    const err = kubeErrorFromResponse(
      403,
      status(403, 'Forbidden', `forbidden: User "${SA}" cannot get path "/version"`),
      '/version'
    );
    expect(err).toMatchObject({ kind: 'forbidden', verb: 'get', resource: '/version' });
    expect(err.remedy).toContain('{nonResourceURLs: ["/version"], verbs: ["get"]}');
  });

  it('403 text from the kubelet (relayed by the node proxy) names the denied subresource', () => {
    const text = 'Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource(s)=[proxy])\n';
    const err = kubeErrorFromResponse(403, text, '/api/v1/nodes/worker-1/proxy/metrics/resource');
    expect(err).toMatchObject({ kind: 'forbidden', verb: 'get', resource: 'nodes/proxy' });
    expect(err.message).toMatch(/kubelet refused/);
    expect(err.remedy).toContain('kube-apiserver-kubelet-client');
  });

  it('403 from Grafana itself is told apart from RBAC', () => {
    const err = kubeErrorFromResponse(403, { message: 'plugin proxy route access denied' }, '/api/v1/nodes');
    expect(err.kind).toBe('forbidden');
    expect(err.message).toMatch(/Grafana's data proxy refused/);
    expect(err.verb).toBeUndefined();
  });

  it('404 text on metrics.k8s.io means metrics-server is not installed', () => {
    const err = kubeErrorFromResponse(404, '404 page not found\n', '/apis/metrics.k8s.io/v1beta1/nodes');
    expect(err.kind).toBe('metricsApiMissing');
    expect(err.message).toBe('metrics.k8s.io is not served: metrics-server is not installed');
    expect(err.remedy).toContain('kubectl get apiservice v1beta1.metrics.k8s.io');
    expect(err.remedy).toMatch(/[Ii]nstall metrics-server/);
  });

  it('404 text after backendSrv wrapped it is still metricsApiMissing', () => {
    const body = { message: '404 page not found\n', error: 'Not Found', response: '404 page not found\n' };
    expect(kubeErrorFromResponse(404, body, '/apis/metrics.k8s.io/v1beta1/pods').kind).toBe('metricsApiMissing');
  });

  it('404 Status from metrics-server is notFound (no sample yet), not a missing API', () => {
    const body = status(404, 'NotFound', 'nodemetrics.metrics.k8s.io "worker-9" not found', {
      details: { name: 'worker-9', group: 'metrics.k8s.io', kind: 'nodemetrics' },
    });
    const err = kubeErrorFromResponse(404, body, '/apis/metrics.k8s.io/v1beta1/nodes/worker-9');
    expect(err.kind).toBe('notFound');
    expect(err.message).toContain('"worker-9" not found');
    expect(err.remedy).toMatch(/no sample/);
  });

  it('404 Status for an object is notFound with the server message', () => {
    const body = status(404, 'NotFound', 'pods "gone-1" not found', { details: { name: 'gone-1', kind: 'pods' } });
    const err = kubeErrorFromResponse(404, JSON.stringify(body), '/api/v1/namespaces/default/pods/gone-1');
    expect(err).toMatchObject({ kind: 'notFound', reason: 'NotFound', resource: 'pods' });
    expect(err.message).toBe('Not found: pods "gone-1" not found');
  });

  it('404 text elsewhere says the path is not served', () => {
    const err = kubeErrorFromResponse(404, '404 page not found', '/apis/example.io/v1/things');
    expect(err.kind).toBe('notFound');
    expect(err.message).toContain('/apis/example.io/v1/things');
  });

  it('410 Expired keeps the offered continue token', () => {
    const body = status(
      410,
      'Expired',
      'The provided continue parameter is too old to display a consistent list result.',
      {
        metadata: { continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzfQ' },
      }
    );
    const err = kubeErrorFromResponse(410, body, '/api/v1/pods');
    expect(err).toMatchObject({
      kind: 'expired',
      reason: 'Expired',
      continueToken: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIzfQ',
    });
  });

  it('410 Gone without Expired is gone', () => {
    const err = kubeErrorFromResponse(
      410,
      status(410, 'Gone', 'too old resource version: 10 (2000)'),
      '/api/v1/events'
    );
    expect(err.kind).toBe('gone');
    expect(err.message).toContain('too old resource version');
  });

  it('400 Status keeps the server message and suggests choosing a container', () => {
    const msg = 'a container name must be specified for pod web-2, choose one of: [init-db app sidecar]';
    const err = kubeErrorFromResponse(400, status(400, 'BadRequest', msg), '/api/v1/namespaces/default/pods/web-2/log');
    expect(err.kind).toBe('badRequest');
    expect(err.message).toContain(msg);
    expect(err.remedy).toMatch(/containers/);
  });

  it('422 is invalid', () => {
    const err = kubeErrorFromResponse(
      422,
      status(422, 'Invalid', "unable to parse requirement: found '!'"),
      '/api/v1/pods'
    );
    expect(err.kind).toBe('invalid');
    expect(err.message).toContain('unable to parse requirement');
  });

  it('409 is conflict', () => {
    expect(
      kubeErrorFromResponse(409, status(409, 'Conflict', 'the object has been modified'), '/api/v1/pods').kind
    ).toBe('conflict');
  });

  it('429 reads Retry-After from the header, whatever its case', () => {
    const err = kubeErrorFromResponse(429, 'Too many requests, please try again later.\n', '/api/v1/pods', {
      'Retry-After': '7',
    });
    expect(err).toMatchObject({ kind: 'tooManyRequests', retryAfterSeconds: 7 });
    expect(err.remedy).toContain('Wait 7 s');
  });

  it('429 falls back to details.retryAfterSeconds', () => {
    const body = status(429, 'TooManyRequests', 'Too many requests', { details: { retryAfterSeconds: 3 } });
    expect(kubeErrorFromResponse(429, body, '/api/v1/pods').retryAfterSeconds).toBe(3);
  });

  it('500 is serverError with the message', () => {
    const err = kubeErrorFromResponse(
      500,
      status(500, 'InternalError', 'Internal error occurred: etcd timeout'),
      '/api/v1/nodes'
    );
    expect(err.kind).toBe('serverError');
    expect(err.message).toContain('etcd timeout');
  });

  it('503 "service unavailable" text on metrics.k8s.io: metrics-server registered but not available', () => {
    const err = kubeErrorFromResponse(503, 'service unavailable\n', '/apis/metrics.k8s.io/v1beta1/nodes');
    expect(err.kind).toBe('metricsApiMissing');
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/registered but not available/);
    expect(err.remedy).toMatch(/pod/);
    expect(err.remedy).toMatch(/APIService/);
  });

  it('503 Status "error trying to reach service" on the node proxy is nodeUnreachable naming the node', () => {
    const body = status(
      503,
      'ServiceUnavailable',
      'error trying to reach service: dial tcp 10.0.3.17:10250: connect: connection refused'
    );
    const err = kubeErrorFromResponse(503, JSON.stringify(body), '/api/v1/nodes/worker-7/proxy/stats/summary');
    expect(err).toMatchObject({ kind: 'nodeUnreachable', node: 'worker-7' });
    expect(err.message).toContain('"worker-7"');
    expect(err.message).toContain('connection refused');
    expect(err.remedy).toContain('kubectl get node worker-7');
  });

  it('503 Status elsewhere is unavailable with retryAfterSeconds', () => {
    const body = status(
      503,
      'ServiceUnavailable',
      'the request has been made before all known HTTP paths have been installed, please try again',
      {
        details: { retryAfterSeconds: 5 },
      }
    );
    const err = kubeErrorFromResponse(503, body, '/api/v1/nodes');
    expect(err).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 5 });
    expect(err.remedy).toContain('Retry in 5 s');
  });

  it('an empty 502 from Grafana is unreachable: Grafana could not connect, and its log has why', () => {
    const err = kubeErrorFromResponse(502, { message: 'Bad Gateway', error: 'Bad Gateway', response: '' }, '/version');
    expect(err).toMatchObject({ kind: 'unreachable', status: 502 });
    expect(err.message).toMatch(/^Grafana could not connect to the API server/);
    expect(err.message).toMatch(/did not resolve, the connection was refused, or TLS failed/);
    expect(err.remedy).toMatch(/logger=data-proxy-log/);
    expect(err.remedy).toMatch(/URL/);
    expect(err.remedy).toMatch(/CA certificate/);
  });

  it('an empty 504 from Grafana is gatewayTimeout, naming the data proxy timeout', () => {
    const err = kubeErrorFromResponse(504, {}, '/api/v1/pods');
    expect(err).toMatchObject({ kind: 'gatewayTimeout', status: 504 });
    expect(err.message).toMatch(/Grafana's data proxy timeout \(30 s by default, \[dataproxy\] timeout\)/);
  });

  it('a 504 with a Status body is still the API server timing out', () => {
    const body = status(504, 'Timeout', 'Timeout: request did not complete within requested timeout');
    expect(kubeErrorFromResponse(504, body, '/api/v1/pods').kind).toBe('timeout');
  });

  it('429 reads an HTTP-date Retry-After as the seconds until then', () => {
    jest.useFakeTimers({ now: Date.UTC(2025, 0, 1, 12, 0, 0) });
    try {
      const err = kubeErrorFromResponse(429, 'Too many requests, please try again later.\n', '/api/v1/pods', {
        'retry-after': 'Wed, 01 Jan 2025 12:00:04 GMT',
      });
      expect(err.retryAfterSeconds).toBe(4);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads Retry-After from a Headers object too', () => {
    const headers = { get: (name: string) => (name.toLowerCase() === 'retry-after' ? '2' : null) };
    expect(kubeErrorFromResponse(503, status(503, 'ServiceUnavailable', 'x'), '/api', headers).retryAfterSeconds).toBe(
      2
    );
  });
});

describe('toKubeError', () => {
  it('maps a FetchError through its status and data', () => {
    const fetchError = { status: 404, statusText: 'Not Found', data: '404 page not found\n', config: { url: '/x' } };
    const err = toKubeError(fetchError, '/apis/metrics.k8s.io/v1beta1');
    expect(err.kind).toBe('metricsApiMissing');
  });

  it('uses the request URL when no path is given', () => {
    const fetchError = { status: 500, data: 'boom', config: { url: '/api/datasources/proxy/uid/k/api/v1/pods' } };
    expect(toKubeError(fetchError).path).toBe('/api/datasources/proxy/uid/k/api/v1/pods');
  });

  it('a cancelled FetchError is cancelled', () => {
    const fetchError = {
      status: -1,
      cancelled: true,
      data: null,
      statusText: 'Request was aborted',
      config: { url: '/x' },
    };
    expect(toKubeError(fetchError).kind).toBe('cancelled');
  });

  it.each([-1, 0])('status %i without cancelled is network', (code) => {
    expect(toKubeError({ status: code, data: { message: 'Unexpected error' }, config: { url: '/x' } }).kind).toBe(
      'network'
    );
  });

  it('a failed browser fetch (TypeError) is network', () => {
    expect(toKubeError(new TypeError('Failed to fetch')).kind).toBe('network');
  });

  it('an rxjs-style TimeoutError is timeout', () => {
    const e = new Error('Timeout has occurred');
    e.name = 'TimeoutError';
    expect(toKubeError(e).kind).toBe('timeout');
  });

  it('a SyntaxError is malformed and names the path', () => {
    let thrown: unknown;
    try {
      JSON.parse('{"items": [');
    } catch (e) {
      thrown = e;
    }
    const err = toKubeError(thrown, '/api/v1/pods');
    expect(err.kind).toBe('malformed');
    expect(err.message).toContain('/api/v1/pods');
  });

  it('an InvalidNameError from the path builders is invalidName, without importing it', () => {
    class InvalidNameError extends Error {
      constructor(
        public kind: string,
        public value: string,
        public reason: string
      ) {
        super(`"${value}" is not a valid ${kind} name: ${reason}`);
        this.name = 'InvalidNameError';
      }
    }
    const err = toKubeError(new InvalidNameError('node', 'Worker_1', 'must be lower case'), '/api/v1/nodes');
    expect(err.kind).toBe('invalidName');
    expect(err.message).toContain('Worker_1');
    expect(err.reason).toBe('must be lower case');
  });

  it('returns a KubeError unchanged', () => {
    const original = new KubeError({ kind: 'gone', message: 'm', remedy: 'r' });
    expect(toKubeError(original)).toBe(original);
  });

  it('anything else is unknown and keeps its message', () => {
    expect(toKubeError(new Error('odd'))).toMatchObject({ kind: 'unknown', message: 'odd' });
    expect(toKubeError('just a string')).toMatchObject({ kind: 'unknown', message: 'just a string' });
  });
});

describe('describeKubeError', () => {
  it('is one line: what is wrong, then what to do', () => {
    const err = kubeErrorFromResponse(404, '404 page not found\n', '/apis/metrics.k8s.io/v1beta1/nodes');
    const line = describeKubeError(err);
    expect(line).not.toContain('\n');
    expect(
      line.startsWith('metrics.k8s.io is not served: metrics-server is not installed. Install metrics-server')
    ).toBe(true);
  });

  it('does not double the full stop', () => {
    const err = new KubeError({ kind: 'unknown', message: 'Broken.', remedy: 'Fix it' });
    expect(describeKubeError(err)).toBe('Broken. Fix it.');
  });
});
