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
  /** Grafana's proxy answered an empty 504: the API server did not answer within [dataproxy] timeout */
  | 'gatewayTimeout'
  | 'network'
  /** Grafana's proxy answered an empty 502: it could not connect (DNS, refused, TLS) */
  | 'unreachable'
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
  /** how many times the client retried before giving up (429/503) */
  retries?: number;
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
  readonly retries?: number;
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
    this.retries = init.retries;
    this.cause = init.cause;
  }

  /** A copy with some fields changed (errors are immutable: one may reach several subscribers). */
  with(changes: Partial<KubeErrorInit>): KubeError {
    return new KubeError({
      kind: this.kind,
      message: this.message,
      remedy: this.remedy,
      status: this.status,
      path: this.path,
      reason: this.reason,
      verb: this.verb,
      resource: this.resource,
      group: this.group,
      namespace: this.namespace,
      node: this.node,
      retryAfterSeconds: this.retryAfterSeconds,
      continueToken: this.continueToken,
      retries: this.retries,
      cause: this.cause,
      ...changes,
    });
  }
}
