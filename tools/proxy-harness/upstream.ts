import * as http from 'http';
import * as https from 'https';
import { X509Certificate } from 'crypto';
import { createSecureContext } from 'tls';

import type { UpstreamTls } from './tls';

export interface UpstreamTarget {
  protocol: string;
  /** host name or IP, without IPv6 brackets */
  hostname: string;
  port: string;
  /** path and query as sent: Go does not resolve `..` nor re-encode a valid RawPath */
  path: string;
}

export interface UpstreamRequest {
  method: string;
  /** where the request goes: scheme, host and the path exactly as it goes on the wire (escaped, with the query) */
  target: UpstreamTarget;
  headers: Record<string, string>;
  body?: string;
  tls: UpstreamTls;
  signal: AbortSignal;
  /** Grafana's [dataproxy] timeout: how long to wait for the response headers (default 30 s) */
  timeoutMs?: number;
}

/** What came back from the API server, or what Grafana's reverse proxy made of a failure. */
export interface UpstreamResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

export class UpstreamAbortError extends Error {
  constructor() {
    super('The upstream request was aborted');
    this.name = 'AbortError';
  }
}

/** Grafana's reverse proxy answers a failed upstream connection with an empty 502 (proxyutil errorHandler)... */
export const BAD_GATEWAY: UpstreamResponse = {
  status: 502,
  statusText: 'Bad Gateway',
  headers: { 'content-length': '0' },
  body: '',
};

/** ... and a timeout with an empty 504 (an error whose Timeout() is true). */
export const GATEWAY_TIMEOUT: UpstreamResponse = {
  status: 504,
  statusText: 'Gateway Timeout',
  headers: { 'content-length': '0' },
  body: '',
};

/** The reverse proxy's error handler wrote these; ModifyResponse never saw them. */
export function isProxyError(res: UpstreamResponse): boolean {
  return res === BAD_GATEWAY || res === GATEWAY_TIMEOUT;
}

/**
 * `.invalid` never resolves (RFC 6761 §6.4), so a request there fails like any DNS failure: Grafana's empty
 * 502. The harness answers it without a lookup, so no test depends on, or leaks to, the network.
 */
export function isUnresolvable(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'invalid' || name.endsWith('.invalid');
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function tlsProblem(tls: UpstreamTls): string | null {
  if (typeof tls.ca === 'string') {
    const parses = (block: string) => {
      try {
        return Boolean(new X509Certificate(block));
      } catch {
        return false;
      }
    };
    if (!(tls.ca.match(PEM_CERT) ?? []).some(parses)) {
      return 'no PEM certificate in the CA';
    }
  }
  if (tls.cert || tls.key) {
    try {
      createSecureContext({ cert: tls.cert, key: tls.key });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }
  return null;
}

// a data source's material rarely changes; parsing keys for every request would dominate large test matrices
const tlsChecks = new Map<string, string | null>();

/**
 * Throws when Grafana would refuse to build the transport ("Unable to load TLS certificate"): a CA with no
 * parseable PEM certificate (Go's AppendCertsFromPEM fails), or a client certificate and key that do not load.
 */
export function checkTlsMaterial(tls: UpstreamTls): void {
  const key = JSON.stringify([tls.ca, tls.cert, tls.key]);
  if (!tlsChecks.has(key)) {
    if (tlsChecks.size > 100) {
      tlsChecks.clear();
    }
    tlsChecks.set(key, tlsProblem(tls));
  }
  const problem = tlsChecks.get(key);
  if (problem) {
    throw new Error(problem);
  }
}

/**
 * One real HTTP(S) request, no retries, no connection reuse; the signal aborts it. Connection failures answer
 * Grafana's empty 502, no response headers within the timeout its empty 504.
 */
export function sendUpstream(req: UpstreamRequest): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    if (req.signal.aborted) {
      reject(new UpstreamAbortError());
      return;
    }
    if (isUnresolvable(req.target.hostname) || !/^https?:$/.test(req.target.protocol)) {
      // Go's transport: a failed lookup, or "unsupported protocol scheme"
      resolve(BAD_GATEWAY);
      return;
    }
    const secure = req.target.protocol === 'https:';
    const options: https.RequestOptions = {
      method: req.method,
      protocol: req.target.protocol,
      hostname: req.target.hostname,
      port: req.target.port || (secure ? 443 : 80),
      path: req.target.path,
      headers: req.headers,
      agent: false,
      ...(secure ? req.tls : {}),
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    const onResponse = (res: http.IncomingMessage) => {
      clearTimeout(timer); // like Go's ResponseHeaderTimeout: the body may take as long as it takes
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        settle(() =>
          resolve({
            status: res.statusCode ?? 502,
            statusText: res.statusMessage ?? '',
            headers: flatHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          })
        )
      );
      const failed = () => settle(() => (req.signal.aborted ? reject(new UpstreamAbortError()) : resolve(BAD_GATEWAY)));
      res.on('error', failed);
      // a close before 'end' is a cut-off body
      res.on('close', () => {
        if (!res.complete) {
          failed();
        }
      });
    };
    const outgoing = secure ? https.request(options, onResponse) : http.request(options, onResponse);
    timer = setTimeout(() => {
      settle(() => resolve(GATEWAY_TIMEOUT));
      outgoing.destroy();
    }, req.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
    outgoing.on('error', () =>
      settle(() => (req.signal.aborted ? reject(new UpstreamAbortError()) : resolve(BAD_GATEWAY)))
    );
    // destroy on abort ourselves rather than pass the signal: jsdom test environments bring their own AbortSignal
    req.signal.addEventListener(
      'abort',
      () => {
        outgoing.destroy();
        settle(() => reject(new UpstreamAbortError()));
      },
      { once: true }
    );
    outgoing.end(req.body);
  });
}
