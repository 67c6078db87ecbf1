/**
 * A throwaway PKI for TLS serving: a CA, a server certificate for 127.0.0.1/localhost signed by it,
 * and a client certificate the server accepts in place of a token. Signed with SHA-256 via node-forge
 * (selfsigned's own dependency); keys come from Node's native RSA generator through forge.
 */
import forge from 'node-forge';

export interface SimPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** the client certificate's CN, which becomes the user name */
  clientUser: string;
}

const DAY_MS = 24 * 3600 * 1000;

function serial(): string {
  // positive, 16 hex digits
  return `0${forge.util.bytesToHex(forge.random.getBytesSync(8)).slice(1)}`;
}

function issue(opts: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  publicKey: forge.pki.PublicKey;
  signingKey: forge.pki.rsa.PrivateKey;
  extensions: object[];
  nowMs: number;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(opts.nowMs - DAY_MS);
  cert.validity.notAfter = new Date(opts.nowMs + 365 * DAY_MS);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer);
  cert.publicKey = opts.publicKey;
  cert.setExtensions(opts.extensions);
  cert.sign(opts.signingKey, forge.md.sha256.create());
  return cert;
}

/** Generates a fresh CA, server and client certificate (a few hundred ms: three RSA-2048 keys). */
export function generatePki(clientUser = 'kubeglance-client', nowMs = Date.now()): SimPki {
  const keys = () => forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const caKeys = keys();
  const caName = [{ name: 'commonName', value: 'kube-sim-ca' }];
  const ca = issue({
    subject: caName,
    issuer: caName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    nowMs,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const serverKeys = keys();
  const server = issue({
    subject: [{ name: 'commonName', value: 'kube-apiserver' }],
    issuer: caName,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    nowMs,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes.default.svc' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  const clientKeys = keys();
  const client = issue({
    subject: [
      { name: 'commonName', value: clientUser },
      { name: 'organizationName', value: 'kubeglance' },
    ],
    issuer: caName,
    publicKey: clientKeys.publicKey,
    signingKey: caKeys.privateKey,
    nowMs,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: forge.pki.certificateToPem(server),
    serverKey: forge.pki.privateKeyToPem(serverKeys.privateKey),
    clientCert: forge.pki.certificateToPem(client),
    clientKey: forge.pki.privateKeyToPem(clientKeys.privateKey),
    clientUser,
  };
}
