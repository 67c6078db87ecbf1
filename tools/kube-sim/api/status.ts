/**
 * metav1.Status bodies shaped like the API server's (field order: kind, apiVersion, metadata, status,
 * message, reason, details, code), and the messages apimachinery's constructors build.
 */

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
  causes?: Array<{ reason?: string; message?: string; field?: string }>;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export function status(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
  continueToken?: string
): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: continueToken ? { continue: continueToken } : {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (!reason) {
    // StatusReasonUnknown is "", which Go's omitempty leaves out
    delete (body as Partial<StatusBody>).reason;
  }
  if (details) {
    // keep `code` last, as Go marshals the struct fields in order
    const { code: c, ...rest } = body;
    return { ...rest, details, code: c };
  }
  return body;
}

/** GroupResource.String(): "pods", "deployments.apps", "nodes.metrics.k8s.io". */
export function groupResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function unauthorized(): StatusBody {
  return status(401, 'Unauthorized', 'Unauthorized');
}

export interface ForbiddenAttrs {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** The RBAC denial the authorization filter writes (responsewriters/errors.go forbiddenMessage). */
export function forbidden(a: ForbiddenAttrs): StatusBody {
  const gr = groupResource(a.resource, a.group);
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const subject = a.name ? `${gr} "${a.name}"` : gr;
  const message = `${subject} is forbidden: User "${a.user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}`;
  const details: StatusDetails = {};
  if (a.name) {
    details.name = a.name;
  }
  if (a.group) {
    details.group = a.group;
  }
  details.kind = a.resource;
  return status(403, 'Forbidden', message, details);
}

export function notFound(resource: string, group: string, name: string): StatusBody {
  const details: StatusDetails = { name };
  if (group) {
    details.group = group;
  }
  details.kind = resource;
  return status(404, 'NotFound', `${groupResource(resource, group)} "${name}" not found`, details);
}

/** 404 for a path under a known API prefix that names no resource. */
export function resourceNotFound(): StatusBody {
  return status(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function badRequest(message: string): StatusBody {
  return status(400, 'BadRequest', message);
}

export interface FieldError {
  field: string;
  /** e.g. FieldValueInvalid, FieldValueForbidden */
  type: string;
  /** the error body: "Invalid value: -1: must be greater than or equal to 0" */
  body: string;
}

/** errors.NewInvalid: `<Kind> "<name>" is invalid: <err>` or `[<err>, <err>]` for several. */
export function invalid(kind: string, name: string, errs: FieldError[]): StatusBody {
  const texts = errs.map((e) => `${e.field}: ${e.body}`);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return status(422, 'Invalid', `${kind} "${name}" is invalid: ${agg}`, {
    name,
    kind,
    causes: errs.map((e) => ({ reason: e.type, message: e.body, field: e.field })),
  });
}

/**
 * errors.NewInvalid with a qualified kind: `<Kind>.<group> "<name>" is invalid: <errs>`. Details keep
 * Go's field order (name, group, kind, causes) and drop empty strings, as omitempty does. Internal
 * objects carry no TypeMeta, so the authorization registry's NewInvalid(Kind(obj.Kind), "", …)
 * renders as `.authorization.k8s.io "" is invalid: …` on a real server.
 */
export function invalidQualified(group: string, kind: string, name: string, errs: FieldError[]): StatusBody {
  const texts = errs.map((e) => `${e.field}: ${e.body}`);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const qualified = group ? `${kind}.${group}` : kind;
  const details: StatusDetails = {};
  if (name) {
    details.name = name;
  }
  if (group) {
    details.group = group;
  }
  if (kind) {
    details.kind = kind;
  }
  details.causes = errs.map((e) => ({ reason: e.type, message: e.body, field: e.field }));
  return status(422, 'Invalid', `${qualified} "${name}" is invalid: ${agg}`, details);
}

/** negotiation.NewUnsupportedMediaTypeError, for a request body in a format the endpoint does not decode */
export function unsupportedMediaType(accepted: string[]): StatusBody {
  return status(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`
  );
}

/** errors.NewRequestEntityTooLargeError, as the apiserver's limited body reader returns it */
export function requestEntityTooLarge(limit: number): StatusBody {
  return status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

/** storage/etcd3 errors.go inconsistentContinue, with a fresh token to resume from. */
export const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without ' +
  'the continue parameter, or use the continue token in this response to retrieve the remainder of the results. ' +
  'Continuing with the provided token results in an inconsistent list - objects that were created, modified, or ' +
  'deleted between the time the first chunk was returned and now may show up in the list.';

export const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export function expired(message: string, continueToken?: string): StatusBody {
  return status(410, 'Expired', message, undefined, continueToken);
}

/** negotiation.NewNotAcceptableError for an Accept header no representation satisfies */
export function notAcceptable(): StatusBody {
  return status(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf'
  );
}

export function methodNotAllowed(): StatusBody {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function tooManyRequests(retryAfterSeconds: number): StatusBody {
  return status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
}

/**
 * 503 ServiceUnavailable. With retryAfterSeconds the details carry it, and the server sends the same
 * number as Retry-After (responsewriters.ErrorNegotiated derives the header from the details).
 */
export function serviceUnavailable(message: string, retryAfterSeconds?: number): StatusBody {
  return retryAfterSeconds !== undefined
    ? status(503, 'ServiceUnavailable', message, { retryAfterSeconds })
    : status(503, 'ServiceUnavailable', message);
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'the server is currently unable to handle the request';

/** A Status for an injected error of any code, with the reason the API server uses for it. */
export function genericError(code: number, message?: string): StatusBody {
  switch (code) {
    case 400:
      return badRequest(message ?? 'the server rejected our request for an unknown reason');
    case 401:
      return unauthorized();
    case 404:
      return status(404, 'NotFound', message ?? 'the server could not find the requested resource');
    case 409:
      return status(409, 'Conflict', message ?? 'the server reported a conflict');
    case 410:
      return status(410, 'Gone', message ?? 'the resource is gone');
    case 429:
      return tooManyRequests(1);
    case 503:
      return serviceUnavailable(message ?? SERVICE_UNAVAILABLE_MESSAGE);
    case 504:
      return status(
        504,
        'Timeout',
        message ?? 'Timeout: request did not complete within requested timeout - context deadline exceeded'
      );
    default:
      if (code >= 500) {
        return status(code, 'InternalError', `Internal error occurred: ${message ?? 'injected fault'}`, {
          causes: [{ message: message ?? 'injected fault' }],
        });
      }
      return status(code, 'Unknown', message ?? 'unknown error');
  }
}
