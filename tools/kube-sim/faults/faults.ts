/**
 * Injectable faults and the request log. Everything is deterministic: error rates are "every Nth
 * matching request" or a seeded PRNG, never Math.random, so tests can rely on exact counts.
 */
import { mulberry32 } from '../cluster/clusterRandom';
import { type DenyRule, denyCovers } from '../authz/denyRules';

export type MetricsServerMode = 'present' | 'absent' | 'unavailable';

export interface RequestRecord {
  method: string;
  path: string;
  /** the raw query string, without '?' */
  rawQuery: string;
  /** decoded query parameters (the last value wins when repeated) */
  query: Record<string, string>;
  /** X-ID-Token is logged so tests can see what a client forwarded; the sim never authenticates with it */
  headers: { authorization?: string; 'x-id-token'?: string };
  /** simulated clock time when served */
  atMs: number;
  /** why authentication failed, for a 401 (kube-apiserver only logs it) */
  authError?: string;
}

export interface ErrorRule {
  /** applies to paths starting with this ('' = all) */
  pathPrefix?: string;
  /** HTTP status to answer with, e.g. 500 or 503 */
  status: number;
  /** fail every Nth matching request (1 = all); default 1 unless rate is given */
  every?: number;
  /** fail this fraction of matching requests, chosen by a PRNG seeded with `seed` */
  rate?: number;
  seed?: number;
  /** stop after failing this many times */
  times?: number;
  /** Status message; or a raw body to send instead of a Status */
  message?: string;
  body?: string;
  contentType?: string;
}

export interface ThrottleRule {
  pathPrefix?: string;
  retryAfterSeconds?: number;
  /** throttle every Nth matching request (default 1 = all) */
  every?: number;
  /** stop after this many 429s */
  times?: number;
}

/** options of faults.unavailable(pathPrefix, opts) */
export interface UnavailableOptions {
  /** Retry-After and details.retryAfterSeconds (default 1) */
  retryAfterSeconds?: number;
  /** answer every Nth matching request (default 1 = all) */
  every?: number;
  /** stop after this many 503s, so a retrying client then succeeds */
  times?: number;
  /** the Status message (default "the server is currently unable to handle the request") */
  message?: string;
}

interface UnavailableRule extends UnavailableOptions {
  pathPrefix: string;
}

/** What the server should do with a request, decided before routing. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'error'; status: number; message?: string; body?: string; contentType?: string }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'unavailable'; retryAfterSeconds: number; message?: string };

interface Counted<T> {
  rule: T;
  seen: number;
  fired: number;
  rnd?: () => number;
}

function matches(prefix: string | undefined, path: string): boolean {
  return !prefix || path.startsWith(prefix);
}

export type { DenyRule } from '../authz/denyRules';

export class Faults {
  /** every request served, in order (also those rejected by auth or faults) */
  requests: RequestRecord[] = [];
  private metricsMode: MetricsServerMode = 'present';

  private latencies: Array<{ ms: number; pathPrefix?: string }> = [];
  private errors: Array<Counted<ErrorRule>> = [];
  private throttles: Array<Counted<ThrottleRule>> = [];
  private unavailables: Array<Counted<UnavailableRule>> = [];
  private hangs: string[] = [];
  private malformedPrefixes: string[] = [];
  private truncations: Array<{ pathPrefix: string; abort: boolean }> = [];
  private denies: DenyRule[] = [];
  private unreachable = new Set<string>();
  private noMetricsNodes = new Set<string>();
  private noMetricsPods = new Set<string>();
  private continueEpoch = 0;

  /** add latency (ms) to every request, or to those whose path starts with pathPrefix; matching rules add up */
  latency(ms: number, pathPrefix?: string): this {
    this.latencies.push({ ms, pathPrefix });
    return this;
  }

  latencyFor(path: string): number {
    return this.latencies.filter((l) => matches(l.pathPrefix, path)).reduce((s, l) => s + l.ms, 0);
  }

  /** answer some matching requests with an error status (a Status JSON unless `body` is given) */
  errorRate(rule: ErrorRule): this {
    const rnd = rule.rate !== undefined ? mulberry32(rule.seed ?? 1) : undefined;
    this.errors.push({ rule, seen: 0, fired: 0, rnd });
    return this;
  }

  /** answer matching requests with 429 Too Many Requests and a Retry-After header */
  tooManyRequests(rule: ThrottleRule = {}): this {
    this.throttles.push({ rule, seen: 0, fired: 0 });
    return this;
  }

  /**
   * answer matching requests ('' = all) with 503 ServiceUnavailable, a Status carrying
   * details.retryAfterSeconds and the same Retry-After header, as kube-apiserver writes such errors;
   * client-go waits Retry-After and retries 429 and 5xx answers that carry it.
   */
  unavailable(pathPrefix = '', opts: UnavailableOptions = {}): this {
    this.unavailables.push({ rule: { ...opts, pathPrefix }, seen: 0, fired: 0 });
    return this;
  }

  /** never answer matching requests (until the client gives up or the sim stops) */
  hang(pathPrefix: string): this {
    this.hangs.push(pathPrefix);
    return this;
  }

  /** send 200 with a body that is not valid JSON */
  malformed(pathPrefix: string): this {
    this.malformedPrefixes.push(pathPrefix);
    return this;
  }

  /** send only the first half of the body; with abort, promise the full length and cut the connection */
  truncated(pathPrefix: string, opts: { abort?: boolean } = {}): this {
    this.truncations.push({ pathPrefix, abort: !!opts.abort });
    return this;
  }

  /**
   * metrics-server's state: 'present'; 'absent' (no APIService: 404 `404 page not found`, group gone
   * from /apis); 'unavailable' (APIService registered but down: 503 `service unavailable`).
   * Without an argument, returns the current mode.
   */
  metricsServer(mode?: MetricsServerMode): MetricsServerMode {
    if (mode) {
      this.metricsMode = mode;
    }
    return this.metricsMode;
  }

  /** forbid a resource for the sim's user (RBAC-style 403); see DenyRule for names */
  deny(resource: string, opts: { verb?: 'get' | 'list'; namespace?: string } = {}): this {
    this.denies.push({ resource, ...opts });
    return this;
  }

  allow(resource: string): this {
    this.denies = this.denies.filter((d) => d.resource !== resource);
    return this;
  }

  /** the deny rules in force (the authorization reviews consult them) */
  denyRules(): readonly DenyRule[] {
    return this.denies;
  }

  /** the API server cannot reach this node's kubelet: node proxy answers 503 */
  unreachableNode(name: string): this {
    this.unreachable.add(name);
    return this;
  }

  reachableNode(name: string): this {
    this.unreachable.delete(name);
    return this;
  }

  isUnreachable(name: string): boolean {
    return this.unreachable.has(name);
  }

  /** metrics-server has no metrics for this node (e.g. just joined): missing from lists, 404 on GET */
  nodeWithoutMetrics(name: string): this {
    this.noMetricsNodes.add(name);
    return this;
  }

  podWithoutMetrics(namespace: string, name: string): this {
    this.noMetricsPods.add(`${namespace}/${name}`);
    return this;
  }

  get nodesWithoutMetrics(): ReadonlySet<string> {
    return this.noMetricsNodes;
  }

  get podsWithoutMetrics(): ReadonlySet<string> {
    return this.noMetricsPods;
  }

  /** make every continue token handed out so far expire (410 Expired), like an etcd compaction */
  expireContinueTokens(): this {
    this.continueEpoch++;
    return this;
  }

  get continueGeneration(): number {
    return this.continueEpoch;
  }

  isDenied(
    group: string,
    resource: string,
    subresource: string | undefined,
    verb: 'get' | 'list',
    namespace: string | undefined
  ): boolean {
    return this.denies.some((d) => denyCovers(d, { group, resource, subresource, verb, namespace }));
  }

  /** decide hang/429/503/error for a request; counts the request against the matching rules it reaches */
  decide(path: string): FaultDecision {
    if (this.hangs.some((p) => matches(p, path))) {
      return { kind: 'hang' };
    }
    const t = fireEveryNth(this.throttles, path);
    if (t) {
      return { kind: 'throttle', retryAfterSeconds: t.retryAfterSeconds ?? 1 };
    }
    const u = fireEveryNth(this.unavailables, path);
    if (u) {
      return { kind: 'unavailable', retryAfterSeconds: u.retryAfterSeconds ?? 1, message: u.message };
    }
    for (const e of this.errors) {
      if (!matches(e.rule.pathPrefix, path) || (e.rule.times !== undefined && e.fired >= e.rule.times)) {
        continue;
      }
      e.seen++;
      const fire = e.rnd ? e.rnd() < (e.rule.rate ?? 0) : e.seen % (e.rule.every ?? 1) === 0;
      if (fire) {
        e.fired++;
        return {
          kind: 'error',
          status: e.rule.status,
          message: e.rule.message,
          body: e.rule.body,
          contentType: e.rule.contentType,
        };
      }
    }
    return { kind: 'none' };
  }

  bodyFault(path: string): 'malformed' | 'truncated' | 'truncated-abort' | undefined {
    if (this.malformedPrefixes.some((p) => matches(p, path))) {
      return 'malformed';
    }
    const t = this.truncations.find((x) => matches(x.pathPrefix, path));
    if (t) {
      return t.abort ? 'truncated-abort' : 'truncated';
    }
    return undefined;
  }

  /** requests whose path starts with prefix (for counting calls in tests) */
  requestsTo(pathPrefix: string): RequestRecord[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix));
  }

  /** clear all faults and the request log; metrics-server back to present */
  reset(): this {
    this.requests = [];
    this.metricsMode = 'present';
    this.latencies = [];
    this.errors = [];
    this.throttles = [];
    this.unavailables = [];
    this.hangs = [];
    this.malformedPrefixes = [];
    this.truncations = [];
    this.denies = [];
    this.unreachable.clear();
    this.noMetricsNodes.clear();
    this.noMetricsPods.clear();
    return this;
  }
}

/** the first rule matching path that fires on this request (every Nth, until `times` have fired) */
function fireEveryNth<T extends { pathPrefix?: string; every?: number; times?: number }>(
  rules: Array<Counted<T>>,
  path: string
): T | undefined {
  for (const r of rules) {
    if (!matches(r.rule.pathPrefix, path) || (r.rule.times !== undefined && r.fired >= r.rule.times)) {
      continue;
    }
    r.seen++;
    if (r.seen % (r.rule.every ?? 1) === 0) {
      r.fired++;
      return r.rule;
    }
  }
  return undefined;
}
