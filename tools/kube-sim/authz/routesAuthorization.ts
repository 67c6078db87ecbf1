/**
 * POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews and …/selfsubjectrulesreviews: what
 * the caller may do, from rbac.ts. Shapes and errors follow pkg/registry/authorization/
 * selfsubjectaccessreview/rest.go and selfsubjectrulesreview/rest.go, and
 * pkg/apis/authorization/validation (422 Invalid for a spec with neither or both attribute sets).
 * Creating a review needs create on it, which system:basic-user grants every authenticated user.
 */
import { type RouteContext, type Reply, json, statusReply } from '../server/routesCommon';
import {
  type FieldError,
  badRequest,
  forbidden,
  invalidQualified,
  methodNotAllowed,
  resourceNotFound,
} from '../api/status';
import { AUTHORIZATION_GROUP } from '../api/routesDiscovery';
import { decodeCreateBody, metadataMustBeEmpty, typeError } from './reviewBody';
import { type NonResourceAttributes, type ResourceAttributes, authorize, rulesReview } from './rbac';

const SSAR = 'selfsubjectaccessreviews';
const SSRR = 'selfsubjectrulesreviews';
const KINDS: Record<string, string> = { [SSAR]: 'SelfSubjectAccessReview', [SSRR]: 'SelfSubjectRulesReview' };

/** the only paths the sim accepts a POST on */
export function acceptsPost(path: string): boolean {
  return path === `/apis/${AUTHORIZATION_GROUP}/v1/${SSAR}` || path === `/apis/${AUTHORIZATION_GROUP}/v1/${SSRR}`;
}

const RESOURCE_FIELDS = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const;
const NON_RESOURCE_FIELDS = ['path', 'verb'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** keep the string fields in Go's order, dropping empty ones as omitempty does */
function pick<K extends string>(src: Obj, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    if (typeof src[k] === 'string' && src[k] !== '') {
      out[k] = src[k] as string;
    }
  }
  return out;
}

/** the Go struct type errors json.Unmarshal would raise for the review's spec */
function specTypeError(kind: string, obj: Obj): Reply | undefined {
  const bad = (struct: string, path: string, value: unknown, goType: string) =>
    statusReply(typeError(kind, struct, path, value, goType));
  if (obj.metadata !== undefined && obj.metadata !== null && !isObj(obj.metadata)) {
    return bad(kind, 'metadata', obj.metadata, 'v1.ObjectMeta');
  }
  const spec = obj.spec;
  if (spec === undefined || spec === null) {
    return undefined;
  }
  if (!isObj(spec)) {
    return bad(kind, 'spec', spec, `v1.${kind}Spec`);
  }
  if (kind === KINDS[SSRR]) {
    return spec.namespace !== undefined && spec.namespace !== null && typeof spec.namespace !== 'string'
      ? bad(`${kind}Spec`, 'spec.namespace', spec.namespace, 'string')
      : undefined;
  }
  const groups: Array<[string, string, readonly string[]]> = [
    ['resourceAttributes', 'ResourceAttributes', RESOURCE_FIELDS],
    ['nonResourceAttributes', 'NonResourceAttributes', NON_RESOURCE_FIELDS],
  ];
  for (const [field, struct, keys] of groups) {
    const v = spec[field];
    if (v === undefined || v === null) {
      continue;
    }
    if (!isObj(v)) {
      return bad(`${kind}Spec`, `spec.${field}`, v, `v1.${struct}`);
    }
    for (const k of keys) {
      if (v[k] !== undefined && v[k] !== null && typeof v[k] !== 'string') {
        return bad(struct, `spec.${field}.${k}`, v[k], 'string');
      }
    }
  }
  return undefined;
}

/** internal authorization types have no json tags, so a bad value marshals with Go's field names */
function goFieldNames(attrs: Obj, keys: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k[0].toUpperCase() + k.slice(1), attrs[k] ?? ''])));
}

function accessReview(ctx: RouteContext, obj: Obj): Reply {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const ra = isObj(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nra = isObj(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  const errs: FieldError[] = [];
  if (ra && nra) {
    errs.push({
      field: 'spec.nonResourceAttributes',
      type: 'FieldValueInvalid',
      body: `Invalid value: ${goFieldNames(nra, NON_RESOURCE_FIELDS)}: cannot be specified in combination with resourceAttributes`,
    });
  }
  if (!ra && !nra) {
    errs.push({
      field: 'spec.resourceAttributes',
      type: 'FieldValueInvalid',
      body: 'Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
  }
  const metaErr = metadataMustBeEmpty(isObj(obj.metadata) ? obj.metadata : {});
  if (metaErr) {
    errs.push(metaErr);
  }
  if (errs.length > 0) {
    // the internal object has no kind, so the qualified kind is just ".authorization.k8s.io"
    return statusReply(invalidQualified(AUTHORIZATION_GROUP, '', '', errs));
  }
  const outSpec: Obj = {};
  let status;
  if (ra) {
    const resourceAttributes: ResourceAttributes = pick(ra, RESOURCE_FIELDS);
    outSpec.resourceAttributes = resourceAttributes;
    status = authorize(reviewer(ctx), { resource: resourceAttributes });
  } else {
    const nonResourceAttributes: NonResourceAttributes = pick(nra!, NON_RESOURCE_FIELDS);
    outSpec.nonResourceAttributes = nonResourceAttributes;
    status = authorize(reviewer(ctx), { nonResource: nonResourceAttributes });
  }
  return json(
    {
      kind: KINDS[SSAR],
      apiVersion: `${AUTHORIZATION_GROUP}/v1`,
      metadata: { creationTimestamp: null },
      spec: outSpec,
      status,
    },
    201
  );
}

function rulesReviewReply(ctx: RouteContext, obj: Obj): Reply {
  const spec = isObj(obj.spec) ? obj.spec : {};
  const namespace = typeof spec.namespace === 'string' ? spec.namespace : '';
  if (!namespace) {
    return statusReply(badRequest('no namespace on request'));
  }
  // rest.go builds a new object: the spec is not echoed
  return json(
    {
      kind: KINDS[SSRR],
      apiVersion: `${AUTHORIZATION_GROUP}/v1`,
      metadata: { creationTimestamp: null },
      spec: {},
      status: rulesReview(reviewer(ctx), namespace),
    },
    201
  );
}

const reviewer = (ctx: RouteContext) => ({ identity: ctx.identity, user: ctx.user, faults: ctx.faults });

/** handles /apis/authorization.k8s.io/v1/…; undefined for other paths */
export function authorizationRoute(ctx: RouteContext): Reply | undefined {
  const s = ctx.segments;
  if (s[0] !== 'apis' || s[1] !== AUTHORIZATION_GROUP || s[2] !== 'v1' || s.length < 4) {
    return undefined;
  }
  const resource = s[3];
  const kind = s.length === 4 ? KINDS[resource] : undefined;
  if (!kind) {
    return statusReply(resourceNotFound());
  }
  if (ctx.method !== 'POST') {
    // create-only resources
    return statusReply(methodNotAllowed());
  }
  // the authorization filter runs before the handler decodes anything
  const may = authorize(reviewer(ctx), { resource: { verb: 'create', group: AUTHORIZATION_GROUP, resource } });
  if (!may.allowed) {
    return statusReply(forbidden({ user: ctx.user, verb: 'create', group: AUTHORIZATION_GROUP, resource }));
  }
  const decoded = decodeCreateBody(
    ctx.request ?? { body: Buffer.alloc(0), tooLarge: false },
    AUTHORIZATION_GROUP,
    kind
  );
  if (!decoded.ok) {
    return statusReply(decoded.status);
  }
  const typeErr = specTypeError(kind, decoded.obj);
  if (typeErr) {
    return typeErr;
  }
  return resource === SSAR ? accessReview(ctx, decoded.obj) : rulesReviewReply(ctx, decoded.obj);
}
