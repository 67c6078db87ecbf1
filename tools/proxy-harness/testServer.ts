import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';

/** A request as a test server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** resolves when the client closed the connection before the server answered */
  closedEarly: Promise<void>;
}

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A tiny HTTP(S) server on 127.0.0.1 for tests; `close` also drops open connections. */
export function startTestServer(handler: Handler, tls?: https.ServerOptions): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const listener: Handler = (req, res) => {
    const closedEarly = new Promise<void>((resolve) => res.on('close', () => !res.writableFinished && resolve()));
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, closedEarly });
    handler(req, res);
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Answers with a JSON body. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers with a text body. */
export function sendText(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
