/** @jest-environment node */
import type { FetchError } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { generate } from 'selfsigned';
import type { TLSSocket } from 'tls';

import type { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';
import { createProxyHarness } from './index';
import { sendJson, startTestServer, TestServer } from './testServer';
import { upstreamTls } from './tls';

type AltName = { type: 2; value: string } | { type: 7; ip: string };

function selfSigned(cn: string, altNames: AltName[], usage: 'serverAuth' | 'clientAuth') {
  return generate([{ name: 'commonName', value: cn }], {
    keySize: 2048,
    algorithm: 'sha256',
    days: 2,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', [usage]: true },
      ...(altNames.length ? [{ name: 'subjectAltName', altNames }] : []),
    ],
  });
}

// one certificate for 127.0.0.1, one only for the name kube.test (needs serverName), one client certificate
const byIp = selfSigned('kube-apiserver', [{ type: 7, ip: '127.0.0.1' }], 'serverAuth');
const byName = selfSigned('kube.test', [{ type: 2, value: 'kube.test' }], 'serverAuth');
const client = selfSigned('grafana-client', [], 'clientAuth');

let ipServer: TestServer;
let nameServer: TestServer;

const answerWithPeer = (req: import('http').IncomingMessage, res: import('http').ServerResponse) => {
  const socket = req.socket as TLSSocket;
  const peer = socket.getPeerCertificate();
  sendJson(res, 200, { clientAuthorized: socket.authorized, clientCn: peer?.subject?.CN ?? null });
};

beforeAll(async () => {
  ipServer = await startTestServer(answerWithPeer, {
    key: byIp.private,
    cert: byIp.cert,
    requestCert: true,
    rejectUnauthorized: false,
    ca: client.cert,
  });
  nameServer = await startTestServer(answerWithPeer, { key: byName.private, cert: byName.cert });
});

afterAll(async () => {
  await ipServer.close();
  await nameServer.close();
});

async function version(url: string, jsonData: KubeDataSourceOptions, secureJsonData: KubeSecureJsonData) {
  const h = createProxyHarness({ url, jsonData, secureJsonData: { token: 't', ...secureJsonData } });
  return lastValueFrom(h.fetch({ url: `${h.baseUrl}/version`, responseType: 'json' })).then(
    (res) => ({ status: res.status, data: res.data as { clientAuthorized: boolean; clientCn: string | null } }),
    (err: FetchError) => ({ status: err.status, data: err.data })
  );
}

describe('TLS as Grafana applies it', () => {
  it('fails (502) against a self-signed certificate with no TLS settings', async () => {
    expect((await version(ipServer.url, {}, {})).status).toBe(502);
  });

  it('works with tlsAuthWithCACert and the CA certificate', async () => {
    const res = await version(ipServer.url, { tlsAuthWithCACert: true }, { tlsCACert: byIp.cert });
    expect(res.status).toBe(200);
  });

  it('ignores a CA certificate while tlsAuthWithCACert is off', async () => {
    expect((await version(ipServer.url, {}, { tlsCACert: byIp.cert })).status).toBe(502);
  });

  it('works with tlsSkipVerify', async () => {
    expect((await version(ipServer.url, { tlsSkipVerify: true }, {})).status).toBe(200);
  });

  it('checks the certificate against serverName when set', async () => {
    const withCa = { tlsCACert: byName.cert };
    expect((await version(nameServer.url, { tlsAuthWithCACert: true }, withCa)).status).toBe(502);
    expect((await version(nameServer.url, { tlsAuthWithCACert: true, serverName: 'kube.test' }, withCa)).status).toBe(
      200
    );
  });

  it('presents the client certificate with tlsAuth', async () => {
    const secure = { tlsCACert: byIp.cert, tlsClientCert: client.cert, tlsClientKey: client.private };
    const without = await version(ipServer.url, { tlsAuthWithCACert: true }, secure);
    const withAuth = await version(ipServer.url, { tlsAuthWithCACert: true, tlsAuth: true }, secure);
    expect(without.data).toEqual({ clientAuthorized: false, clientCn: null });
    expect(withAuth.data).toEqual({ clientAuthorized: true, clientCn: 'grafana-client' });
  });

  it('answers 400 "Unable to load TLS certificate" for a CA that is not PEM', async () => {
    const res = await version(ipServer.url, { tlsAuthWithCACert: true }, { tlsCACert: 'not a certificate' });
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ message: 'Unable to load TLS certificate' });
  });
});

describe('upstreamTls', () => {
  it('maps the settings to Node TLS options', () => {
    expect(
      upstreamTls(
        { tlsSkipVerify: false, tlsAuthWithCACert: true, tlsAuth: true, serverName: 'api.internal' },
        { tlsCACert: 'CA', tlsClientCert: 'CERT', tlsClientKey: 'KEY' }
      )
    ).toEqual({ rejectUnauthorized: true, servername: 'api.internal', ca: 'CA', cert: 'CERT', key: 'KEY' });
    expect(upstreamTls({ tlsSkipVerify: true }, { tlsCACert: 'CA' })).toEqual({ rejectUnauthorized: false });
  });
});
