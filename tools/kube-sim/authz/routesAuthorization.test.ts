/** @jest-environment node */
import { KubeSim, SERVICE_ACCOUNT_USER, startKubeSim } from '../index';
import { simGet, simPost } from '../server/client';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 3, podsPerNode: 4, seed: 2, clock: () => Date.UTC(2025, 0, 1) });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.reset());

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';

async function post(path: string, body: unknown, headers?: Record<string, string>) {
  const r = await simPost(`${sim.url}${path}`, body, { token: sim.token, headers });
  return { status: r.status, headers: r.headers, body: JSON.parse(r.body) };
}

const review = (resourceAttributes: Record<string, string | undefined>) => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  spec: { resourceAttributes },
});

describe('SelfSubjectAccessReview', () => {
  // selfsubjectaccessreview/rest.go: the object comes back (201) with status {allowed, denied, reason};
  // the reason is RBAC's "allowed by <binding>" (rbac.go, rule.go describeSubject)
  it('answers 201 with the spec in Go field order and the RBAC reason', async () => {
    const r = await post(SSAR, review({ resource: 'pods', verb: 'list', namespace: 'shop', group: '' }));
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'shop', verb: 'list', resource: 'pods' } },
      status: {
        allowed: true,
        reason:
          'RBAC: allowed by ClusterRoleBinding "kubeglance-read" of ClusterRole "kubeglance-read" to ServiceAccount "kubeglance/kubeglance"',
      },
    });
    expect(Object.keys(r.body.spec.resourceAttributes)).toEqual(['namespace', 'verb', 'resource']);
  });

  // RBAC's NoOpinion for an action no rule allows: allowed false, no denied, no reason
  it('says no, without a reason, to what the read-only identity lacks', async () => {
    for (const attrs of [
      { verb: 'get', resource: 'secrets', namespace: 'default' },
      { verb: 'create', resource: 'pods', namespace: 'default' },
      { verb: 'delete', resource: 'deployments', group: 'apps', namespace: 'shop' },
      { verb: 'list', resource: 'secrets' },
      { verb: '*', resource: '*', group: '*' },
    ]) {
      const r = await post(SSAR, review(attrs));
      expect([attrs, r.status, r.body.status]).toEqual([attrs, 201, { allowed: false }]);
    }
  });

  // nonResourceAttributes: system:discovery and system:public-info-viewer (bootstrappolicy) apply to all users
  it('reviews non-resource URLs with the bootstrap discovery role', async () => {
    const version = await post(SSAR, { spec: { nonResourceAttributes: { path: '/version', verb: 'get' } } });
    expect(version.body.spec).toEqual({ nonResourceAttributes: { path: '/version', verb: 'get' } });
    expect(version.body.status).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    });
    const apis = await post(SSAR, { spec: { nonResourceAttributes: { path: '/apis/apps/v1', verb: 'get' } } });
    expect(apis.body.status.allowed).toBe(true);
    const metrics = await post(SSAR, { spec: { nonResourceAttributes: { path: '/metrics', verb: 'get' } } });
    expect(metrics.body.status).toEqual({ allowed: false });
  });

  // serializer/json gvkWithDefaults: kind and apiVersion default to the endpoint's
  it('accepts a body without apiVersion and kind, and no Content-Type (taken as JSON)', async () => {
    const r = await simGet(`${sim.url}${SSAR}`, {
      token: sim.token,
      method: 'POST',
      body: JSON.stringify({ spec: { resourceAttributes: { verb: 'get', resource: 'nodes' } } }),
    });
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body).status.allowed).toBe(true);
  });
});

describe('review errors, as the create handler and validation write them', () => {
  // handlers/rest.go transformDecodeError: no kind could be read, so "unrecognized", with a 30-byte summary
  it('answers 400 BadRequest to a body that is not JSON', async () => {
    const r = await post(SSAR, '{"spec": {"resourceAttributes": ');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(r.body.message).toBe(
      'the object provided is unrecognized (must be of type SelfSubjectAccessReview): ' +
        `couldn't get version/kind; json parse error: unexpected end of JSON input ({"spec": {"resourceAttributes" ...)`
    );
    const empty = await post(SSAR, '');
    expect(empty.body.message).toMatch(/unexpected end of JSON input \(<empty>\)$/);
  });

  // transformDecodeError with a kind: the scheme converts a registered kind, and fails to convert it to this one
  it('answers 400 to another kind, and to another version of the same kind', async () => {
    const pod = await post(SSAR, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } });
    expect([pod.status, pod.body.reason]).toEqual([400, 'BadRequest']);
    expect(pod.body.message).toBe(
      'Pod in version "v1" cannot be handled as a SelfSubjectAccessReview: converting (v1.Pod) to (authorization.SelfSubjectAccessReview): unknown conversion'
    );
    const rules = await post(SSAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview' });
    expect(rules.body.message).toMatch(
      /^SelfSubjectRulesReview in version "v1" cannot be handled as a SelfSubjectAccessReview/
    );
    const unknown = await post(SSAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'Nope' });
    expect(unknown.body.message).toBe(
      'Nope in version "v1" cannot be handled as a SelfSubjectAccessReview: no kind "Nope" is registered for version "authorization.k8s.io/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'
    );
    // create.go: decoded fine, then the group/version must be the endpoint's
    const beta = await post(SSAR, {
      ...review({ verb: 'get', resource: 'pods' }),
      apiVersion: 'authorization.k8s.io/v1beta1',
    });
    expect([beta.status, beta.body.message]).toEqual([
      400,
      'the API version in the data (authorization.k8s.io/v1beta1) does not match the expected API version (authorization.k8s.io/v1)',
    ]);
  });

  // pkg/apis/authorization/validation ValidateSelfSubjectAccessReviewSpec → errors.NewInvalid: 422, not 400.
  // The internal object has no kind, hence the leading "." (as the registry's own tests expect).
  it('answers 422 Invalid when neither or both attribute sets are given', async () => {
    const neither = await post(SSAR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {},
    });
    expect(neither.status).toBe(422);
    expect(neither.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        '.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      reason: 'Invalid',
      details: {
        group: 'authorization.k8s.io',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message:
              'Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
            field: 'spec.resourceAttributes',
          },
        ],
      },
      code: 422,
    });
    const both = await post(SSAR, {
      spec: { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/x', verb: 'get' } },
    });
    expect([both.status, both.body.message]).toEqual([
      422,
      '.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: {"Path":"/x","Verb":"get"}: cannot be specified in combination with resourceAttributes',
    ]);
    const named = await post(SSAR, { metadata: { name: 'mine' }, spec: { resourceAttributes: { verb: 'get' } } });
    expect(named.body.message).toBe(
      '.authorization.k8s.io "" is invalid: metadata: Invalid value: {"name":"mine","creationTimestamp":null}: must be empty'
    );
  });

  // json.Unmarshal's type errors reach the client through transformDecodeError
  it('answers 400 to fields of the wrong JSON type', async () => {
    const r = await post(SSAR, { spec: { resourceAttributes: { verb: 1 } } });
    expect([r.status, r.body.message]).toEqual([
      400,
      'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: json: cannot unmarshal number into Go struct field ResourceAttributes.spec.resourceAttributes.verb of type string',
    ]);
  });

  // negotiation.NegotiateInputSerializer: a media type the endpoint has no decoder for is 415
  it('answers 415 to a form-encoded body, as curl -d sends by default', async () => {
    const r = await post(SSAR, 'spec=1', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect([r.status, r.body.reason, r.body.message]).toEqual([
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    ]);
  });

  // the apiserver's limited body reader: 3 MiB, then RequestEntityTooLarge
  it('answers 413 to a body over 3 MiB', async () => {
    const r = await post(SSAR, `{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`);
    expect([r.status, r.body.reason, r.body.message]).toEqual([
      413,
      'RequestEntityTooLarge',
      'Request entity too large: limit is 3145728',
    ]);
  });

  it('answers 401 without a token, like every other request', async () => {
    const r = await simPost(`${sim.url}${SSAR}`, review({ verb: 'get', resource: 'pods' }));
    expect([r.status, JSON.parse(r.body).reason]).toEqual([401, 'Unauthorized']);
  });

  // create-only resources: GET has no route; other POST paths are still 405
  it('answers 405 to a GET of a review, and to a POST anywhere else', async () => {
    const get = await simGet(`${sim.url}${SSAR}`, { token: sim.token });
    expect([get.status, JSON.parse(get.body).reason]).toEqual([405, 'MethodNotAllowed']);
    const elsewhere = await post('/api/v1/namespaces/default/pods', { kind: 'Pod' });
    expect([elsewhere.status, elsewhere.body.reason]).toEqual([405, 'MethodNotAllowed']);
    const sar = await post('/apis/authorization.k8s.io/v1/subjectaccessreviews', {});
    expect(sar.status).toBe(405);
    const unknown = await simGet(`${sim.url}/apis/authorization.k8s.io/v1/nothing`, { token: sim.token });
    expect(unknown.status).toBe(404);
  });

  // creating a review is itself authorized (system:basic-user); without it the filter answers 403
  it('answers 403 when creating reviews is denied', async () => {
    sim.faults.deny('selfsubjectaccessreviews.authorization.k8s.io');
    const r = await post(SSAR, review({ verb: 'get', resource: 'pods' }));
    expect([r.status, r.body.message]).toEqual([
      403,
      `selfsubjectaccessreviews.authorization.k8s.io is forbidden: User "${SERVICE_ACCOUNT_USER}" cannot create resource "selfsubjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope`,
    ]);
    expect((await post(SSRR, { spec: { namespace: 'default' } })).status).toBe(201);
  });

  it('honours injected faults on the review paths', async () => {
    sim.faults.unavailable(SSAR, { retryAfterSeconds: 2, times: 1 });
    const first = await post(SSAR, review({ verb: 'get', resource: 'pods' }));
    expect([first.status, first.headers['retry-after']]).toEqual([503, '2']);
    expect((await post(SSAR, review({ verb: 'get', resource: 'pods' }))).status).toBe(201);
  });
});

describe('SelfSubjectRulesReview', () => {
  // selfsubjectrulesreview/rest.go: a new object with only the status (spec is not echoed)
  it('lists the read-only rules and the bootstrap ones, complete', async () => {
    const r = await post(SSRR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'shop' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null }, spec: {} });
    const { resourceRules, nonResourceRules, incomplete } = r.body.status;
    expect(incomplete).toBe(false);
    expect(resourceRules).toEqual([
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: [''],
        resources: [
          'configmaps',
          'endpoints',
          'events',
          'namespaces',
          'nodes',
          'persistentvolumeclaims',
          'pods',
          'services',
        ],
      },
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: ['apps'],
        resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
      },
      { verbs: ['get', 'list', 'watch'], apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
      { verbs: ['get', 'list', 'watch'], apiGroups: ['batch'], resources: ['jobs'] },
      { verbs: ['get', 'list', 'watch'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] },
      { verbs: ['get', 'list', 'watch'], apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
      { verbs: ['get', 'list'], apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      { verbs: ['get'], apiGroups: [''], resources: ['nodes/proxy'] },
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ]);
    expect(nonResourceRules.map((x: { nonResourceURLs: string[] }) => x.nonResourceURLs[0])).toEqual([
      '/api',
      '/healthz',
    ]);
  });

  it('answers 400 "no namespace on request" without spec.namespace', async () => {
    const r = await post(SSRR, { spec: {} });
    expect([r.status, r.body.reason, r.body.message]).toEqual([400, 'BadRequest', 'no namespace on request']);
  });
});

describe('discovery', () => {
  // kube-apiserver lists authorization.k8s.io between apps and batch (aggregated groups last); both self
  // reviews are create-only
  it('lists authorization.k8s.io/v1 with both reviews in /apis and the group version', async () => {
    const apis = JSON.parse((await simGet(`${sim.url}/apis`, { token: sim.token })).body);
    expect(apis.groups.map((g: { name: string }) => g.name)).toEqual([
      'apps',
      'authorization.k8s.io',
      'autoscaling',
      'batch',
      'coordination.k8s.io',
      'discovery.k8s.io',
      'metrics.k8s.io',
    ]);
    const group = JSON.parse((await simGet(`${sim.url}/apis/authorization.k8s.io`, { token: sim.token })).body);
    expect(group).toMatchObject({ kind: 'APIGroup', preferredVersion: { groupVersion: 'authorization.k8s.io/v1' } });
    const gv = JSON.parse((await simGet(`${sim.url}/apis/authorization.k8s.io/v1`, { token: sim.token })).body);
    expect(gv).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'authorization.k8s.io/v1',
      resources: [
        {
          name: 'selfsubjectaccessreviews',
          singularName: 'selfsubjectaccessreview',
          namespaced: false,
          kind: 'SelfSubjectAccessReview',
          verbs: ['create'],
        },
        {
          name: 'selfsubjectrulesreviews',
          singularName: 'selfsubjectrulesreview',
          namespaced: false,
          kind: 'SelfSubjectRulesReview',
          verbs: ['create'],
        },
      ],
    });
  });
});
