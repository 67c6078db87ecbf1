/**
 * The HTTP(S) front: request log, latency, authentication (authn.ts: client certificate, bearer token,
 * OIDC JWT), method check (GET, and POST of the authorization reviews), injected faults, routing, and
 * writing replies (streamed lists, follow streams, corrupted bodies on demand). Owns every socket so
 * stop() leaves nothing running.
 */
import http, { IncomingMessage, ServerResponse } from 'http';
import https from 'https';
import type { Socket } from 'net';
import type { SimCluster } from '../cluster/model';
import type { Faults, RequestRecord } from '../faults/faults';
import type { Reply, RouteContext } from './routesCommon';
import { DEFAULT_METRICS_VERSIONS, type MetricsVersion } from '../api/discoveryResources';
import { route } from './routes';
import {
  SERVICE_UNAVAILABLE_MESSAGE,
  badRequest,
  genericError,
  methodNotAllowed,
  serviceUnavailable,
  status,
  tooManyRequests,
  unauthorized,
} from '../api/status';
import { authenticate } from './authn';
import type { SimOidc } from './oidc';
import type { Identity } from '../authz/rbac';
import { acceptsPost } from '../authz/routesAuthorization';
import { type RequestBody, readRequestBody } from '../authz/reviewBody';
import { protobufReviewAsJson } from '../authz/reviewProto';

export { SERVICE_ACCOUNT_USER } from './authn';

export interface ServerOptions {
  cluster: SimCluster;
  faults: Faults;
  token: string;
  host: string;
  port: number;
  clock: () => number;
  tls?: { key: string; cert: string; ca: string; requestClientCert: boolean };
  followPollMs: number;
  /** waits for injected latency; tests may pass one that records instead of waiting */
  sleep?: (ms: number) => Promise<void>;
  /** answer CORS preflights and allow any origin (for a browser playground talking to the sim directly) */
  cors?: boolean;
  /** the metrics.k8s.io versions served, preferred first (default v1 and v1beta1) */
  metricsVersions?: MetricsVersion[];
  /** whose permissions the authorization reviews report (default reader) */
  identity?: Identity;
  /** the kubelets' KubeletPSI gate; unset, each kubelet's version decides */
  psi?: boolean;
  /** metrics.k8s.io reports usage.swap */
  metricsSwap?: boolean;
  /** accept JWTs from this issuer as bearer tokens, next to the static token */
  oidc?: SimOidc;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** follow streams and hanging requests still open */
  openStreams(): number;
}

function corrupt(body: string, fault: 'malformed' | 'truncated' | 'truncated-abort', contentType: string): string {
  if (fault === 'malformed') {
    return contentType.includes('json') ? body.replace(/^\s*\{/, '{,') : `${body}broken_metric{le="1" 1\n`;
  }
  return body.slice(0, Math.floor(body.length / 2));
}

export function startServer(o: ServerOptions): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const stopHooks = new Set<() => void>();
  const sleeps = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let stopped = false;
  let seq = 0;

  const sleep =
    o.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const entry = { timer: setTimeout(() => done(), ms), resolve: () => done() };
        function done(): void {
          clearTimeout(entry.timer);
          sleeps.delete(entry);
          resolve();
        }
        sleeps.add(entry);
      }));

  const onStop = (fn: () => void) => {
    stopHooks.add(fn);
    return () => {
      stopHooks.delete(fn);
    };
  };

  const baseHeaders = (contentType: string): Record<string, string> => {
    const h: Record<string, string> = {
      'Content-Type': contentType,
      'Cache-Control': 'no-cache, private',
      'Audit-Id': `sim-${++seq}`,
    };
    if (o.cors) {
      h['Access-Control-Allow-Origin'] = '*';
    }
    return h;
  };

  async function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply, path: string): Promise<void> {
    const fault = o.faults.bodyFault(path);
    if (reply.kind === 'stream') {
      res.writeHead(reply.status, { ...baseHeaders(reply.contentType), 'Transfer-Encoding': 'chunked' });
      reply.start(req, res);
      return;
    }
    let body: string;
    let contentType: string;
    let extra: Record<string, string> = {};
    if (reply.kind === 'chunks') {
      contentType = reply.contentType ?? 'application/json';
      if (!fault) {
        res.writeHead(reply.status, baseHeaders(contentType));
        for (const chunk of reply.chunks()) {
          if (res.destroyed) {
            return;
          }
          if (!res.write(chunk)) {
            await new Promise<void>((resolve) => {
              const go = () => {
                res.off('drain', go);
                res.off('close', go);
                resolve();
              };
              res.on('drain', go);
              res.on('close', go);
            });
          }
        }
        res.end();
        return;
      }
      body = Array.from(reply.chunks()).join('');
    } else if (reply.kind === 'json') {
      contentType = 'application/json';
      body = JSON.stringify(reply.body);
      extra = reply.headers ?? {};
    } else {
      contentType = reply.contentType;
      body = reply.body;
      extra = reply.headers ?? {};
    }
    const full = Buffer.from(body);
    const sent = fault ? Buffer.from(corrupt(body, fault, contentType)) : full;
    const headers = {
      ...baseHeaders(contentType),
      ...extra,
      'Content-Length': String(fault === 'truncated-abort' ? full.length : sent.length),
    };
    res.writeHead(reply.status, headers);
    if (fault === 'truncated-abort') {
      res.write(sent, () => res.destroy());
      return;
    }
    res.end(sent);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = req.method ?? 'GET';
    const logged: RequestRecord['headers'] = {};
    if (req.headers.authorization !== undefined) {
      logged.authorization = req.headers.authorization;
    }
    const idToken = req.headers['x-id-token'];
    if (typeof idToken === 'string') {
      logged['x-id-token'] = idToken;
    }
    const record: RequestRecord = {
      method,
      path,
      rawQuery: url.search.replace(/^\?/, ''),
      query: Object.fromEntries(url.searchParams),
      headers: logged,
      atMs: o.clock(),
    };
    o.faults.requests.push(record);
    if (o.cors && method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Allow-Methods': 'GET, POST',
      });
      res.end();
      return;
    }
    const latency = o.faults.latencyFor(path);
    if (latency > 0) {
      await sleep(latency);
      if (stopped) {
        res.destroy();
        return;
      }
    }
    const auth = authenticate(req, { token: o.token, oidc: o.oidc }, path);
    if (!auth.ok) {
      // kube-apiserver only logs why; the record keeps it for tests
      record.authError = auth.reason;
      return writeReply(req, res, { kind: 'json', status: 401, body: unauthorized() }, path);
    }
    const post = method === 'POST' && acceptsPost(path);
    if (method !== 'GET' && !post) {
      return writeReply(req, res, { kind: 'json', status: 405, body: methodNotAllowed() }, path);
    }
    const decision = o.faults.decide(path);
    if (decision.kind === 'hang') {
      // keep the request open; stop() or the client ends it
      const unregister = onStop(() => res.destroy());
      res.on('close', unregister);
      return;
    }
    if (decision.kind === 'throttle') {
      const body = tooManyRequests(decision.retryAfterSeconds);
      return writeReply(
        req,
        res,
        { kind: 'json', status: 429, body, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
        path
      );
    }
    if (decision.kind === 'unavailable') {
      const body = serviceUnavailable(decision.message ?? SERVICE_UNAVAILABLE_MESSAGE, decision.retryAfterSeconds);
      return writeReply(
        req,
        res,
        { kind: 'json', status: 503, body, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
        path
      );
    }
    if (decision.kind === 'error') {
      const reply: Reply =
        decision.body !== undefined
          ? {
              kind: 'text',
              status: decision.status,
              body: decision.body,
              contentType: decision.contentType ?? 'text/plain; charset=utf-8',
            }
          : { kind: 'json', status: decision.status, body: genericError(decision.status, decision.message) };
      return writeReply(req, res, reply, path);
    }
    let segments: string[];
    try {
      segments = path
        .split('/')
        .filter((x) => x !== '')
        .map(decodeURIComponent);
    } catch {
      return writeReply(req, res, { kind: 'json', status: 400, body: badRequest('invalid URL escape') }, path);
    }
    let request: RequestBody | undefined;
    if (post) {
      try {
        // kubectl 1.32+ posts the reviews as protobuf; the routes decode JSON
        request = protobufReviewAsJson(await readRequestBody(req));
      } catch {
        res.destroy();
        return;
      }
    }
    const ctx: RouteContext = {
      cluster: o.cluster,
      faults: o.faults,
      now: o.clock(),
      clock: o.clock,
      user: auth.user,
      identity: o.identity ?? 'reader',
      metricsVersions: o.metricsVersions ?? [...DEFAULT_METRICS_VERSIONS],
      psi: o.psi,
      metricsSwap: o.metricsSwap,
      method,
      request,
      segments,
      query: url.searchParams,
      accept: req.headers.accept,
      requestSeq: ++seq,
      followPollMs: o.followPollMs,
      onStop,
    };
    let reply: Reply;
    try {
      reply = route(ctx);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      reply = { kind: 'json', status: 500, body: status(500, 'InternalError', `Internal error occurred: ${message}`) };
    }
    return writeReply(req, res, reply, path);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500);
      }
      res.end();
    });
  };
  const server = o.tls
    ? https.createServer(
        {
          key: o.tls.key,
          cert: o.tls.cert,
          ca: [o.tls.ca],
          requestCert: o.tls.requestClientCert,
          rejectUnauthorized: false,
        },
        listener
      )
    : http.createServer(listener);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // a client that fails the TLS handshake (unknown CA) must not leave an error unhandled
  server.on('tlsClientError', () => undefined);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : o.port;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      resolve({
        url: `${o.tls ? 'https' : 'http'}://${host}:${port}`,
        openStreams: () => stopHooks.size,
        stop: () =>
          new Promise<void>((done) => {
            if (stopped) {
              done();
              return;
            }
            stopped = true;
            for (const fn of Array.from(stopHooks)) {
              fn();
            }
            for (const s of Array.from(sleeps)) {
              s.resolve();
            }
            server.close(() => done());
            for (const s of sockets) {
              s.destroy();
            }
          }),
      });
    });
  });
}
