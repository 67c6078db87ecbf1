/** @jest-environment node */
/**
 * Protobuf review bodies (apimachinery's protobuf serializer: `k8s\0` + runtime.Unknown; field numbers of
 * k8s.io/api/authorization/v1/generated.proto), as kubectl 1.32+ sends them, answered like JSON ones.
 */
import { KubeSim, startKubeSim } from '../index';
import { simPost } from '../server/client';
import { PROTOBUF, protobufReviewAsJson } from './reviewProto';

/** a length-delimited protobuf field; gogo-protobuf writes empty strings too, so the tests do */
function field(n: number, value: Buffer | string): Buffer {
  const v = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([Buffer.from([(n << 3) | 2, v.length]), v]);
}

function envelope(kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([field(1, 'authorization.k8s.io/v1'), field(2, kind)]);
  const unknown = Buffer.concat([field(1, typeMeta), field(2, raw), field(3, ''), field(4, '')]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]);
}

const emptyMeta = Buffer.concat([field(1, ''), field(2, ''), field(3, ''), field(8, Buffer.alloc(0))]);

function canI(verb: string, resource: string, namespace: string): Buffer {
  const attrs = Buffer.concat([
    field(1, namespace),
    field(2, verb),
    field(3, ''),
    field(4, ''),
    field(5, resource),
    field(6, ''),
    field(7, ''),
  ]);
  return envelope('SelfSubjectAccessReview', Buffer.concat([field(1, emptyMeta), field(2, field(1, attrs))]));
}

describe('protobufReviewAsJson', () => {
  it('turns a SelfSubjectAccessReview into its JSON, empty strings and metadata left out', () => {
    const r = protobufReviewAsJson({ contentType: PROTOBUF, body: canI('list', 'pods', 'shop'), tooLarge: false });
    expect(r.contentType).toBe('application/json');
    expect(JSON.parse(r.body.toString())).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'shop', verb: 'list', resource: 'pods' } },
    });
  });

  it('turns a SelfSubjectRulesReview into its JSON', () => {
    const body = envelope('SelfSubjectRulesReview', Buffer.concat([field(1, emptyMeta), field(2, field(1, 'shop'))]));
    const r = protobufReviewAsJson({ contentType: PROTOBUF, body, tooLarge: false });
    expect(JSON.parse(r.body.toString())).toMatchObject({
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'shop' },
    });
  });

  it('leaves JSON, and bytes that are not a protobuf review, as they came', () => {
    const json = { contentType: 'application/json', body: Buffer.from('{}'), tooLarge: false };
    expect(protobufReviewAsJson(json)).toBe(json);
    const garbage = { contentType: PROTOBUF, body: Buffer.from('not protobuf'), tooLarge: false };
    expect(protobufReviewAsJson(garbage)).toBe(garbage);
  });
});

describe('POST a protobuf SelfSubjectAccessReview', () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 1, podsPerNode: 1 });
  });
  afterAll(() => sim.stop());

  it('answers 201 with the verdict, as for JSON', async () => {
    const url = `${sim.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`;
    const post = (body: Buffer) => simPost(url, body, { token: sim.token, headers: { 'Content-Type': PROTOBUF } });
    const list = await post(canI('list', 'pods', 'shop'));
    const create = await post(canI('create', 'pods', 'shop'));
    expect([list.status, JSON.parse(list.body).status.allowed]).toEqual([201, true]);
    expect([create.status, JSON.parse(create.body).status.allowed]).toEqual([201, false]);
  });
});
