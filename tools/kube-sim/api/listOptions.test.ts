/** @jest-environment node */
/**
 * resourceVersion and continue checks as kube-apiserver makes them: apimachinery's ValidateListOptions
 * (422), apiserver pkg/storage continue.go DecodeContinue and ValidateListOptions (400), storage/etcd3
 * errors.go (410 Expired), and the watch cache's unconverted parse error (500, kubernetes#101350/#139485).
 */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 2, podsPerNode: 4 });
});
afterAll(() => sim.stop());

async function get(query: string) {
  const r = await simGet(`${sim.url}/api/v1/pods?${query}`, { token: sim.token });
  return { status: r.status, body: JSON.parse(r.body) };
}

const token = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('continue tokens', () => {
  it.each([
    ['not base64url', 'abc*def', 'continue key is not valid: illegal base64 data at input byte 3'],
    [
      'another encoded version',
      token({ v: 'meta.k8s.io/v2', rv: 5, start: 'a' }),
      'continue key is not valid: server does not recognize this encoded version meta.k8s.io/v2',
    ],
    [
      'no start resourceVersion',
      token({ v: 'meta.k8s.io/v1', start: 'a' }),
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    ],
    [
      'an empty start key',
      token({ v: 'meta.k8s.io/v1', rv: 5, start: '' }),
      'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)',
    ],
    [
      'a path that climbs out',
      token({ v: 'meta.k8s.io/v1', rv: 5, start: '../secrets/x' }),
      'continue key is not valid: ../secrets/x',
    ],
  ])('400 for %s', async (_what, cont, message) => {
    const r = await get(`limit=2&continue=${cont}`);
    expect([r.status, r.body.reason, r.body.message]).toEqual([
      400,
      'BadRequest',
      `invalid continue token: ${message}`,
    ]);
  });

  it('400 for a resourceVersion next to a continue token', async () => {
    const first = await get('limit=2');
    const r = await get(`limit=2&resourceVersion=5&continue=${first.body.metadata.continue}`);
    expect([r.status, r.body.message]).toEqual([400, 'specifying resource version is not allowed when using continue']);
  });
});

describe('resourceVersion', () => {
  it('a malformed one is 400 from etcd (limit set), 500 from the watch cache (no limit)', async () => {
    const detail = 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax';
    const etcd = await get('limit=2&resourceVersion=abc');
    expect([etcd.status, etcd.body.reason, etcd.body.message]).toEqual([
      400,
      'BadRequest',
      `invalid resource version: ${detail}`,
    ]);
    const cache = await get('resourceVersion=abc');
    expect([cache.status, cache.body.reason, cache.body.message]).toEqual([500, undefined, detail]);
  });

  it('an exact read of a compacted revision is 410 Expired; the current one is served', async () => {
    const current = (await get('limit=1')).body.metadata.resourceVersion;
    expect((await get(`limit=1&resourceVersion=${current}`)).status).toBe(200);
    const old = await get(`resourceVersion=${Number(current) - 1}&resourceVersionMatch=Exact`);
    expect([old.status, old.body.reason, old.body.message]).toEqual([
      410,
      'Expired',
      'The resourceVersion for the provided list is too old.',
    ]);
    // not older than: the watch cache serves its current state
    expect((await get(`resourceVersion=${Number(current) - 1}`)).status).toBe(200);
  });

  it('422 for resourceVersionMatch without resourceVersion, or an unknown match', async () => {
    const r = await get('resourceVersionMatch=Exact');
    expect([r.status, r.body.reason, r.body.message]).toEqual([
      422,
      'Invalid',
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    ]);
    expect((await get('resourceVersion=1&resourceVersionMatch=Newest')).status).toBe(422);
  });
});
