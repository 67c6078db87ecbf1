/** A minimal client for kube-sim (tests, benchmarks): bearer token, custom CA and client certificates, a body. */
import http, { IncomingHttpHeaders } from 'http';
import https from 'https';

export interface SimResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SimGetOptions {
  /** bearer token; omit for none */
  token?: string;
  /** raw Authorization header, overriding token */
  authorization?: string;
  ca?: string;
  cert?: string;
  key?: string;
  method?: string;
  signal?: AbortSignal;
  /** request body (for POST) */
  body?: string | Buffer;
  /** extra headers, e.g. Content-Type or X-ID-Token */
  headers?: Record<string, string>;
}

/** POST a JSON body (Content-Type application/json unless headers say otherwise) */
export function simPost(url: string, body: unknown, opts: SimGetOptions = {}): Promise<SimResponse> {
  return simGet(url, {
    ...opts,
    method: 'POST',
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...opts.headers },
  });
}

export function simGet(url: string, opts: SimGetOptions = {}): Promise<SimResponse> {
  const u = new URL(url);
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.authorization ?? (opts.token !== undefined ? `Bearer ${opts.token}` : undefined);
  if (auth !== undefined) {
    headers.Authorization = auth;
  }
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: opts.method ?? 'GET',
        headers,
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        signal: opts.signal,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        );
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
      }
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
