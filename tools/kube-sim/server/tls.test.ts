/** @jest-environment node */
import { KubeSim, startKubeSim } from '../index';
import { simGet, simPost } from './client';
import { generatePki } from './certs';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ tls: true, clientCertAuth: true, nodes: 2, podsPerNode: 2, seed: 3 });
});
afterAll(() => sim.stop());

describe('HTTPS', () => {
  it('serves over https with a certificate for 127.0.0.1 and localhost signed by the exposed CA', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await simGet(`${sim.url}/api/v1/nodes`, { token: sim.token, ca: sim.caCert });
    expect(r.status).toBe(200);
    const local = await simGet(`${sim.url.replace('127.0.0.1', 'localhost')}/version`, { ca: sim.caCert });
    expect(local.status).toBe(200);
  });

  it('is rejected by a client that does not trust the CA', async () => {
    await expect(simGet(`${sim.url}/version`)).rejects.toThrow(/certificate/i);
  });

  it('accepts its own client certificate in place of a token', async () => {
    const r = await simGet(`${sim.url}/api/v1/namespaces`, {
      ca: sim.caCert,
      cert: sim.clientCert,
      key: sim.clientKey,
    });
    expect(r.status).toBe(200);
    // an empty bearer counts as no token, so the certificate still authenticates
    const empty = await simGet(`${sim.url}/api/v1/namespaces`, {
      ca: sim.caCert,
      cert: sim.clientCert,
      key: sim.clientKey,
      authorization: 'Bearer ',
    });
    expect(empty.status).toBe(200);
  });

  it('names the certificate user in Forbidden messages', async () => {
    sim.faults.deny('namespaces');
    try {
      const r = await simGet(`${sim.url}/api/v1/namespaces`, {
        ca: sim.caCert,
        cert: sim.clientCert,
        key: sim.clientKey,
      });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).message).toContain('User "kubeglance-client"');
    } finally {
      sim.faults.reset();
    }
  });

  // SelfSubjectAccessReview reviews the requesting user: here the certificate's CN (rule.go describeSubject)
  it('reviews access for the certificate user', async () => {
    const r = await simPost(
      `${sim.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      { spec: { resourceAttributes: { verb: 'get', resource: 'nodes' } } },
      { ca: sim.caCert, cert: sim.clientCert, key: sim.clientKey }
    );
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body).status.reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "kubeglance-read" of ClusterRole "kubeglance-read" to User "kubeglance-client"'
    );
  });

  it('does not accept a client certificate from another CA', async () => {
    const other = generatePki('intruder');
    const r = await simGet(`${sim.url}/api/v1/namespaces`, {
      ca: sim.caCert,
      cert: other.clientCert,
      key: other.clientKey,
    });
    expect(r.status).toBe(401);
  });

  it('lets a valid certificate win over a bad token, as the x509 authenticator runs first', async () => {
    const r = await simGet(`${sim.url}/api/v1/namespaces`, {
      ca: sim.caCert,
      cert: sim.clientCert,
      key: sim.clientKey,
      token: 'wrong',
    });
    expect(r.status).toBe(200);
    const noCert = await simGet(`${sim.url}/api/v1/namespaces`, { ca: sim.caCert, token: 'wrong' });
    expect(noCert.status).toBe(401);
  });
});
