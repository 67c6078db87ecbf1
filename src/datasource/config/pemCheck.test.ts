/** @jest-environment node */
import { generatePki, SimPki } from '../../../tools/kube-sim/server/certs';
import { checkPem } from './pemCheck';

let pki: SimPki;
beforeAll(() => {
  pki = generatePki();
});

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** the body lines of the first PEM block */
const relabel = (pem: string, label: string) => pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, `-----$1 ${label}-----`);
const bodyOf = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'));

describe('checkPem', () => {
  it('accepts real certificates, a CA bundle and a key', () => {
    expect(checkPem(pki.caCert, 'ca')).toBeUndefined();
    expect(checkPem(`${pki.caCert}\n${pki.serverCert}`, 'ca')).toBeUndefined();
    expect(checkPem(pki.clientCert, 'clientCert')).toBeUndefined();
    expect(checkPem(pki.clientKey, 'clientKey')).toBeUndefined();
    // the same key labelled PKCS#8 and PKCS#1 (older kubeadm and minikube write the latter)
    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']) {
      expect(checkPem(relabel(pki.clientKey, label), 'clientKey')).toBeUndefined();
    }
  });

  it('leaves an empty field to the caller', () => {
    expect(checkPem('', 'ca')).toBeUndefined();
    expect(checkPem(undefined, 'clientKey')).toBeUndefined();
  });

  it('recognises a kubeconfig *-data value and says to decode it', () => {
    const p = checkPem(base64(pki.caCert), 'ca');
    expect(p?.message).toMatch(/base64-encoded PEM/);
    expect(p?.remedy).toMatch(/base64 -d/);
  });

  it('says text that is not PEM is not PEM', () => {
    expect(checkPem('hello', 'clientCert')?.message).toMatch(/not PEM/);
  });

  it('tells a key pasted as a certificate, and a certificate pasted as a key', () => {
    expect(checkPem(pki.clientKey, 'clientCert')?.message).toMatch(/holds a private key/);
    expect(checkPem(pki.clientKey, 'ca')?.remedy).toMatch(/certificate-authority-data/);
    expect(checkPem(pki.clientCert, 'clientKey')?.message).toMatch(/holds a certificate/);
  });

  it('finds a block cut short or with a changed character', () => {
    const lines = pki.clientCert.trim().split('\n');
    const cut = [...lines.slice(0, 4), lines[lines.length - 1]].join('\n');
    expect(checkPem(cut, 'clientCert')?.message).toMatch(/cut short|not valid base64/);
    const body = bodyOf(pki.clientCert);
    const broken = pki.clientCert.replace(body[2], `${body[2].slice(0, 10)}!${body[2].slice(11)}`);
    expect(checkPem(broken, 'clientCert')?.message).toMatch(/not valid base64/);
  });

  it('finds mismatched BEGIN and END lines', () => {
    const mixed = pki.clientCert.replace('END CERTIFICATE', 'END PRIVATE KEY');
    expect(mixed).not.toBe(pki.clientCert);
    // the block no longer closes as a certificate, so the framing check names both labels
    expect(checkPem(mixed, 'clientCert')?.message).toMatch(/begins as "CERTIFICATE" but ends as "PRIVATE KEY"/);
  });

  it('refuses an encrypted key and more than one key', () => {
    const encrypted = relabel(pki.clientKey, 'ENCRYPTED PRIVATE KEY');
    expect(checkPem(encrypted, 'clientKey')?.remedy).toMatch(/openssl pkey/);
    expect(checkPem(`${pki.clientKey}\n${pki.clientKey}`, 'clientKey')?.message).toMatch(/more than one/);
  });
});
