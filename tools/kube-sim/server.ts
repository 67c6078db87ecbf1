/**
 * The HTTP(S) front: request log, latency, authentication (bearer token or client certificate),
 * method check, injected faults, routing, and writing replies (streamed lists, follow streams,
 * corrupted bodies on demand). Owns every socket so stop() leaves nothing running.
 */
import http, { IncomingMessage, ServerResponse } from 'http';
import https from 'https';
import type { Socket } from 'net';
import type { TLSSocket } from 'tls';
import type { SimCluster } from './model';
import type { Faults } from './faults';
import type { Reply, RouteContext } from './routesCommon';
import { route } from './routes';
import { badRequest, genericError, methodNotAllowed, status, tooManyRequests, unauthorized } from './status';

export const SERVICE_ACCOUNT_USER = 'system:serviceaccount:kubeglance:kubeglance';

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
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** follow streams and hanging requests still open */
  openStreams(): number;
}

/** paths anonymous users may read, as system:public-info-viewer allows */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

type Auth = { ok: true; user: string } | { ok: false };

/**
 * Like kube-apiserver's union authenticator: the x509 client-certificate authenticator runs first, so a
 * certificate signed by the CA wins even next to a bad token; otherwise a presented bearer token must
 * match. An empty bearer ("Bearer ") counts as no token.
 */
function authenticate(req: IncomingMessage, token: string, path: string): Auth {
  const sock = req.socket as Partial<TLSSocket>;
  if (sock.encrypted && sock.authorized) {
    const cn = sock.getPeerCertificate?.()?.subject?.CN;
    if (cn) {
      return { ok: true, user: Array.isArray(cn) ? cn[0] : cn };
    }
  }
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s*(.*)$/i.exec(header) : null;
  const presented = m ? m[1].trim() : '';
  if (presented) {
    // an invalid token is rejected before authorization, even on public paths
    return presented === token ? { ok: true, user: SERVICE_ACCOUNT_USER } : { ok: false };
  }
  return PUBLIC_PATHS.has(path) ? { ok: true, user: 'system:anonymous' } : { ok: false };
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
      contentType = 'application/json';
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
    o.faults.requests.push({
      method,
      path,
      rawQuery: url.search.replace(/^\?/, ''),
      query: Object.fromEntries(url.searchParams),
      headers: req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {},
      atMs: o.clock(),
    });
    if (o.cors && method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Allow-Methods': 'GET',
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
    const auth = authenticate(req, o.token, path);
    if (!auth.ok) {
      return writeReply(req, res, { kind: 'json', status: 401, body: unauthorized() }, path);
    }
    if (method !== 'GET') {
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
    const ctx: RouteContext = {
      cluster: o.cluster,
      faults: o.faults,
      now: o.clock(),
      clock: o.clock,
      user: auth.user,
      segments,
      query: url.searchParams,
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
