export type KubeErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'gone'
  | 'expired'
  | 'badRequest'
  | 'invalid'
  | 'conflict'
  | 'tooManyRequests'
  | 'serverError'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'cancelled'
  | 'invalidName'
  | 'metricsApiMissing'
  | 'nodeUnreachable'
  | 'unknown';

export interface KubeErrorInit {
  kind: KubeErrorKind;
  /** what is wrong */
  message: string;
  /** what to do about it */
  remedy: string;
  status?: number;
  path?: string;
  reason?: string;
  verb?: string;
  resource?: string;
  group?: string;
  namespace?: string;
  /** the node, for nodeUnreachable */
  node?: string;
  retryAfterSeconds?: number;
  continueToken?: string;
  cause?: unknown;
}

/** Every failure the data source can meet, typed, with a message a user can act on. */
export class KubeError extends Error {
  readonly kind: KubeErrorKind;
  readonly status?: number;
  readonly path?: string;
  /** the Status `reason` (`Forbidden`, `Expired`, ...) when the server sent one */
  readonly reason?: string;
  readonly remedy: string;
  readonly verb?: string;
  /** e.g. 'nodes/proxy' */
  readonly resource?: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly node?: string;
  readonly retryAfterSeconds?: number;
  /** a continue token the server offered in a 410 */
  readonly continueToken?: string;
  readonly cause?: unknown;

  constructor(init: KubeErrorInit) {
    super(init.message);
    this.name = 'KubeError';
    this.kind = init.kind;
    this.remedy = init.remedy;
    this.status = init.status;
    this.path = init.path;
    this.reason = init.reason;
    this.verb = init.verb;
    this.resource = init.resource;
    this.group = init.group;
    this.namespace = init.namespace;
    this.node = init.node;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.continueToken = init.continueToken;
    this.cause = init.cause;
  }
}
