/**
 * Protobuf bodies of the two self reviews, turned into the JSON the review routes decode. kubectl 1.32
 * and later sends built-in kinds as `application/vnd.kubernetes.protobuf` (`kubectl auth can-i` posts a
 * SelfSubjectAccessReview so), which kube-apiserver accepts. The wire format is apimachinery's protobuf
 * serializer (pkg/runtime/serializer/protobuf): the magic `k8s\0`, then a runtime.Unknown whose `raw` is
 * the object; field numbers are those of k8s.io/api/authorization/v1/generated.proto. Only the fields the
 * reviews read are kept, and empty strings are dropped (Go's JSON would omit them).
 */
import type { RequestBody } from './reviewBody';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

type Fields = Map<number, Buffer[]>;

/** the length-delimited fields of a message (varints are skipped: the reviews have no numeric fields) */
function fields(b: Buffer): Fields | undefined {
  const out: Fields = new Map();
  let i = 0;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (i >= b.length) {
        return undefined;
      }
      const byte = b[i++];
      v += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        return v;
      }
    }
    return undefined;
  };
  while (i < b.length) {
    const key = varint();
    if (key === undefined) {
      return undefined;
    }
    const wire = key & 7;
    if (wire === 0) {
      if (varint() === undefined) {
        return undefined;
      }
    } else if (wire === 2) {
      const len = varint();
      if (len === undefined || i + len > b.length) {
        return undefined;
      }
      const list = out.get(Math.floor(key / 8)) ?? [];
      list.push(b.subarray(i, i + len));
      out.set(Math.floor(key / 8), list);
      i += len;
    } else if (wire === 1 || wire === 5) {
      i += wire === 1 ? 8 : 4;
    } else {
      return undefined;
    }
  }
  return i === b.length ? out : undefined;
}

const text = (f: Fields, n: number): string | undefined => {
  const v = f.get(n)?.[0]?.toString('utf8');
  return v ? v : undefined;
};

/** named string fields of a message, empty ones left out */
function strings(b: Buffer | undefined, names: Record<number, string>): Record<string, string> | undefined {
  const f = b ? fields(b) : undefined;
  if (!f) {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [n, name] of Object.entries(names)) {
    const v = text(f, Number(n));
    if (v !== undefined) {
      out[name] = v;
    }
  }
  return out;
}

/** ObjectMeta: what a client may set on create; kubectl sends it empty */
const META = { 1: 'name', 2: 'generateName', 3: 'namespace', 5: 'uid', 6: 'resourceVersion' };
const RESOURCE_ATTRIBUTES = {
  1: 'namespace',
  2: 'verb',
  3: 'group',
  4: 'version',
  5: 'resource',
  6: 'subresource',
  7: 'name',
};
const NON_RESOURCE_ATTRIBUTES = { 1: 'path', 2: 'verb' };

function reviewJson(kind: string, raw: Buffer): Record<string, unknown> | undefined {
  const top = fields(raw);
  if (!top) {
    return undefined;
  }
  const specBytes = top.get(2)?.[0];
  const spec: Record<string, unknown> = {};
  if (kind === 'SelfSubjectAccessReview') {
    const s = specBytes ? fields(specBytes) : new Map<number, Buffer[]>();
    if (!s) {
      return undefined;
    }
    if (s.has(1)) {
      spec.resourceAttributes = strings(s.get(1)?.[0], RESOURCE_ATTRIBUTES);
    }
    if (s.has(2)) {
      spec.nonResourceAttributes = strings(s.get(2)?.[0], NON_RESOURCE_ATTRIBUTES);
    }
  } else {
    Object.assign(spec, strings(specBytes, { 1: 'namespace' }) ?? {});
  }
  return { metadata: strings(top.get(1)?.[0], META) ?? {}, spec };
}

/**
 * A protobuf review body as the equivalent JSON body, so the routes decode one format; anything else
 * (another media type, or bytes that are not a protobuf review) is returned as it came, for the routes
 * to answer as they do.
 */
export function protobufReviewAsJson(req: RequestBody): RequestBody {
  const mediaType = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== PROTOBUF || req.tooLarge || !req.body.subarray(0, 4).equals(MAGIC)) {
    return req;
  }
  const unknown = fields(req.body.subarray(4));
  const typeMeta = unknown?.get(1)?.[0];
  const raw = unknown?.get(2)?.[0];
  const tm = typeMeta ? strings(typeMeta, { 1: 'apiVersion', 2: 'kind' }) : undefined;
  if (!tm?.kind || !raw || (tm.kind !== 'SelfSubjectAccessReview' && tm.kind !== 'SelfSubjectRulesReview')) {
    return req;
  }
  const obj = reviewJson(tm.kind, raw);
  if (!obj) {
    return req;
  }
  const body = { apiVersion: tm.apiVersion, kind: tm.kind, ...obj };
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(body)), tooLarge: false };
}
