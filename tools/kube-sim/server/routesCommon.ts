/** What a route returns and what it is given; the server turns a Reply into bytes. */
import type { IncomingMessage, ServerResponse } from 'http';
import type { SimCluster } from '../cluster/model';
import type { Faults } from '../faults/faults';
import type { StatusBody } from '../api/status';
import type { Identity } from '../authz/rbac';
import type { MetricsVersion } from '../api/discoveryResources';
import type { RequestBody } from '../authz/reviewBody';

export interface RouteContext {
  cluster: SimCluster;
  faults: Faults;
  /** simulated now (ms) */
  now: number;
  clock: () => number;
  /** the authenticated user, for Forbidden messages and the authorization reviews */
  user: string;
  /** the metrics.k8s.io versions served, preferred first */
  metricsVersions: MetricsVersion[];
  /** whose permissions the sim plays (rbac.ts) */
  identity: Identity;
  /** the KubeletPSI gate when set; unset, each kubelet has its version's default (versions.ts) */
  psi?: boolean;
  /** metrics.k8s.io reports usage.swap (metrics-server does not) */
  metricsSwap?: boolean;
  /** GET, or POST on the review paths */
  method: string;
  /** the body of a POST */
  request?: RequestBody;
  /** decoded path segments, e.g. ['api', 'v1', 'namespaces', 'default', 'pods'] */
  segments: string[];
  query: URLSearchParams;
  /** the Accept header: JSON, a meta.k8s.io Table or aggregated discovery (accept.ts) */
  accept?: string;
  /** a number unique to this request, for per-request randomness (PodMetrics container order) */
  requestSeq: number;
  /** how often follow streams look for new log lines (real ms) */
  followPollMs: number;
  /** registers a cleanup to run when the sim stops */
  onStop(fn: () => void): () => void;
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; contentType: string; headers?: Record<string, string> }
  /** a large JSON body produced in pieces, so lists of 150k objects never build one giant string */
  | { kind: 'chunks'; status: number; chunks: () => Iterable<string>; contentType?: string }
  | { kind: 'stream'; status: number; contentType: string; start: (req: IncomingMessage, res: ServerResponse) => void };

export function json(body: unknown, status = 200): Reply {
  return { kind: 'json', status, body };
}

export function statusReply(s: StatusBody, headers?: Record<string, string>): Reply {
  return { kind: 'json', status: s.code, body: s, headers };
}

export function text(body: string, status = 200, contentType = 'text/plain; charset=utf-8'): Reply {
  return { kind: 'text', status, body, contentType };
}

/** Go's http.NotFound, which the API server answers for paths it does not serve */
export function pageNotFound(): Reply {
  return text('404 page not found\n', 404);
}

export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Holds a streaming response open (watch, log follow) until the client leaves, the response closes or the sim
 * stops; headers go out at once and writes are not delayed. Returns `finish`, which ends it once, after `onEnd`.
 */
export function holdOpen(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, onEnd: () => void): () => void {
  let done = false;
  const finish = (): void => {
    if (done) {
      return;
    }
    done = true;
    onEnd();
    unregister();
    res.end();
  };
  const unregister = ctx.onStop(finish);
  req.on('close', finish);
  res.on('close', finish);
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  return finish;
}
