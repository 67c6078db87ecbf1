import * as http from 'http';
import * as https from 'https';
import { X509Certificate } from 'crypto';
import { createSecureContext } from 'tls';

import type { UpstreamTls } from './tls';

export interface UpstreamRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  tls: UpstreamTls;
  signal: AbortSignal;
}

/** What came back from the API server, or what Grafana's reverse proxy made of a failure. */
export interface UpstreamResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export class UpstreamAbortError extends Error {
  constructor() {
    super('The upstream request was aborted');
    this.name = 'AbortError';
  }
}

/** Grafana's reverse proxy answers a failed upstream connection with an empty 502 (proxyutil errorHandler). */
const BAD_GATEWAY: UpstreamResponse = {
  status: 502,
  statusText: 'Bad Gateway',
  headers: { 'content-length': '0' },
  body: '',
};

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

/**
 * Throws when Grafana would refuse to build the transport ("Unable to load TLS certificate"): a CA with no
 * parseable PEM certificate (Go's AppendCertsFromPEM fails), or a client certificate and key that do not load.
 */
export function checkTlsMaterial(tls: UpstreamTls): void {
  if (typeof tls.ca === 'string') {
    const parses = (block: string) => {
      try {
        return Boolean(new X509Certificate(block));
      } catch {
        return false;
      }
    };
    if (!(tls.ca.match(PEM_CERT) ?? []).some(parses)) {
      throw new Error('no PEM certificate in the CA');
    }
  }
  if (tls.cert || tls.key) {
    createSecureContext({ cert: tls.cert, key: tls.key });
  }
}

/** One real HTTP(S) request, no retries, no connection reuse; the signal aborts it. */
export function sendUpstream(req: UpstreamRequest): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    if (req.signal.aborted) {
      reject(new UpstreamAbortError());
      return;
    }
    const secure = req.url.protocol === 'https:';
    const options: https.RequestOptions = {
      method: req.method,
      headers: req.headers,
      agent: false,
      ...(secure ? req.tls : {}),
    };
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const onResponse = (res: http.IncomingMessage) => {
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
    const outgoing = secure ? https.request(req.url, options, onResponse) : http.request(req.url, options, onResponse);
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
