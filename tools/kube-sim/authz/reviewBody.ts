/**
 * Decoding a create request's body as kube-apiserver's create handler does
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go and rest.go transformDecodeError):
 * media type, size limit, JSON, then apiVersion/kind defaulted from the endpoint and checked against
 * it. Errors are the Status bodies the apiserver writes; Go's json error texts are approximated.
 */
import type { IncomingMessage } from 'http';
import {
  type FieldError,
  badRequest,
  requestEntityTooLarge,
  unsupportedMediaType,
  type StatusBody,
} from '../api/status';
import { APPS_V1, BATCH_V1, CORE_V1 } from '../api/routesDiscovery';

/** what the server read of a request body */
export interface RequestBody {
  /** the Content-Type header, if any */
  contentType?: string;
  body: Buffer;
  /** more than MAX_BODY_BYTES arrived; body holds only the start */
  tooLarge: boolean;
}

/** the apiserver's default --max-request-body-bytes… limit for JSON bodies (3 MiB) */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** reads a request body, keeping at most MAX_BODY_BYTES (the rest is read and dropped) */
export function readRequestBody(req: IncomingMessage): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(c);
      }
    });
    req.on('end', () =>
      resolve({
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks),
        tooLarge: size > MAX_BODY_BYTES,
      })
    );
    req.on('error', reject);
  });
}

/** what a built-in resource's endpoint accepts (1.31, without the CBOR gate) */
const ACCEPTED = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

export type Decoded = { ok: true; obj: Record<string, unknown> } | { ok: false; status: StatusBody };

const fail = (status: StatusBody): Decoded => ({ ok: false, status });

/** kinds the apiserver's scheme knows in the groups the sim touches, as group/version/Kind */
const REGISTERED = new Set<string>([
  ...['v1', 'v1beta1'].flatMap((v) =>
    ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'LocalSubjectAccessReview'].map(
      (k) => `authorization.k8s.io/${v}/${k}`
    )
  ),
  ...CORE_V1.map((r) => `/v1/${r.kind}`),
  ...APPS_V1.map((r) => `apps/v1/${r.kind}`),
  ...BATCH_V1.map((r) => `batch/v1/${r.kind}`),
]);

/** the Go package a versioned type lives in, as reflect prints it (k8s.io/api/<group>/v1 → "v1") */
const goType = (version: string, kind: string) => `${version}.${kind}`;

/** runtime.summarizeData: the first 30 bytes, hex unless the body looks like JSON */
function summarize(body: Buffer): string {
  if (body.length === 0) {
    return '<empty>';
  }
  const head = body.subarray(0, 30);
  const more = body.length > 30 ? ' ...' : '';
  return body[0] === 0x7b ? `${head.toString('utf8')}${more}` : `${head.toString('hex')}${more}`;
}

/** Go's encoding/json error for text JSON.parse rejected, approximately */
function goJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (text.trim() === '' || /end of JSON input/i.test(msg)) {
    return 'unexpected end of JSON input';
  }
  const at = /position (\d+)/.exec(msg);
  const tok = /Unexpected token '?(.)/.exec(msg);
  const ch = at ? text[Number(at[1])] : tok ? tok[1] : text.trim()[0];
  return `invalid character '${ch}' looking for beginning of value`;
}

const jsonType = (v: unknown): string =>
  Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'boolean' ? 'bool' : typeof v;

const FIND_KIND =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** schema.ParseGroupVersion */
function parseGroupVersion(s: string): { group: string; version: string } | undefined {
  if (s === '') {
    return { group: '', version: '' };
  }
  const parts = s.split('/');
  if (parts.length === 1) {
    return { group: '', version: s };
  }
  return parts.length === 2 ? { group: parts[0], version: parts[1] } : undefined;
}

/**
 * The body as an object of the endpoint's kind (group/v1, kind), or the Status the create handler
 * answers: 415 for another media type, 413 over the limit, 400 for what does not decode.
 */
export function decodeCreateBody(req: RequestBody, group: string, kind: string): Decoded {
  const mediaType = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  // an absent Content-Type is taken as the first supported type, JSON
  if (mediaType !== '' && mediaType !== 'application/json') {
    if (ACCEPTED.includes(mediaType)) {
      // a sim limit, not the apiserver's: it decodes only JSON
      return fail(unsupportedMediaType(['application/json']));
    }
    return fail(unsupportedMediaType(ACCEPTED));
  }
  if (req.tooLarge) {
    return fail(requestEntityTooLarge(MAX_BODY_BYTES));
  }
  const unrecognized = (why: string) =>
    fail(badRequest(`the object provided is unrecognized (must be of type ${kind}): ${why} (${summarize(req.body)})`));
  const text = req.body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return unrecognized(`couldn't get version/kind; json parse error: ${goJsonError(text, e)}`);
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    return unrecognized(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(parsed)} into Go value of type ${FIND_KIND}`
    );
  }
  const obj = (parsed ?? {}) as Record<string, unknown>;
  for (const f of ['apiVersion', 'kind']) {
    if (obj[f] !== undefined && obj[f] !== null && typeof obj[f] !== 'string') {
      return unrecognized(
        `couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType(obj[f])} into Go struct field .${f} of type string`
      );
    }
  }
  const gv = parseGroupVersion((obj.apiVersion as string | undefined) ?? '');
  if (!gv) {
    return unrecognized(`unexpected GroupVersion string: ${obj.apiVersion as string}`);
  }
  // serializer/json gvkWithDefaults: the endpoint's kind and version fill what the body leaves out
  const actual = { group: gv.group, version: gv.version, kind: (obj.kind as string | undefined) || kind };
  if (!actual.version && !actual.group) {
    actual.group = group;
    actual.version = 'v1';
  }
  if (!actual.version && actual.group === group) {
    actual.version = 'v1';
  }
  const gvString = actual.group ? `${actual.group}/${actual.version}` : actual.version;
  const cannot = (why: string) =>
    fail(badRequest(`${actual.kind} in version "${actual.version}" cannot be handled as a ${kind}: ${why}`));
  if (!REGISTERED.has(`${actual.group}/${actual.version}/${actual.kind}`)) {
    return cannot(
      `no kind "${actual.kind}" is registered for version "${gvString}" in scheme "pkg/api/legacyscheme/scheme.go:30"`
    );
  }
  if (actual.kind !== kind) {
    const internalPkg = group.split('.')[0];
    return cannot(
      `converting (${goType(actual.version, actual.kind)}) to (${internalPkg}.${kind}): unknown conversion`
    );
  }
  if (actual.group !== group || actual.version !== 'v1') {
    return fail(
      badRequest(`the API version in the data (${gvString}) does not match the expected API version (${group}/v1)`)
    );
  }
  return { ok: true, obj };
}

/** a value of the wrong JSON type where a Go struct field expects another, as json.Unmarshal reports it */
export function typeError(
  kind: string,
  structName: string,
  path: string,
  value: unknown,
  goFieldType: string
): StatusBody {
  return badRequest(
    `${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${jsonType(value)} into Go struct field ${structName}.${path} of type ${goFieldType}`
  );
}

/** ObjectMeta keys in Go's field order, for rendering a non-empty metadata as json.Marshal would */
const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  v === 0 ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/**
 * validation.ValidateSelfSubjectAccessReview's metadata rule: apart from managedFields, the metadata
 * must be semantically empty (nil and empty maps and lists count as empty).
 */
export function metadataMustBeEmpty(meta: Record<string, unknown>): FieldError | undefined {
  const set = META_ORDER.filter((k) => k !== 'managedFields' && !isEmpty(meta[k]));
  if (set.length === 0) {
    return undefined;
  }
  const rendered: Record<string, unknown> = {};
  for (const k of META_ORDER) {
    if (k === 'creationTimestamp') {
      rendered[k] = meta[k] ?? null;
    } else if (!isEmpty(meta[k])) {
      rendered[k] = meta[k];
    }
  }
  return {
    field: 'metadata',
    type: 'FieldValueInvalid',
    body: `Invalid value: ${JSON.stringify(rendered)}: must be empty`,
  };
}
