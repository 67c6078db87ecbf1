import type { SettingProblem } from './urlCheck';

/** What a PEM field must hold. */
export type PemExpectation = 'ca' | 'clientCert' | 'clientKey';

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']);
const FIELD_NAME: Record<PemExpectation, string> = {
  ca: 'The CA certificate',
  clientCert: 'The client certificate',
  clientKey: 'The client key',
};

const error = (message: string, remedy: string): SettingProblem => ({ severity: 'error', message, remedy });

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    return undefined;
  }
  try {
    const bin = atob(compact);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) {
      out[i] = bin.charCodeAt(i);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** True when the bytes are one whole DER SEQUENCE: what every certificate and key PEM block wraps. */
function isDerSequence(der: Uint8Array): boolean {
  if (der.length < 2 || der[0] !== 0x30) {
    return false;
  }
  const first = der[1];
  if (first < 0x80) {
    return 2 + first === der.length;
  }
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || der.length < 2 + octets) {
    return false;
  }
  let length = 0;
  for (let i = 0; i < octets; i++) {
    length = length * 256 + der[2 + i];
  }
  return 2 + octets + length === der.length;
}

/** kubeconfig's *-data fields hold base64 of the PEM text: recognise it so the user is told to decode it. */
function isBase64OfPem(text: string): boolean {
  const bytes = decodeBase64(text);
  if (!bytes) {
    return false;
  }
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 40); i++) {
    head += String.fromCharCode(bytes[i]);
  }
  return head.includes('-----BEGIN ');
}

function wrongKind(field: PemExpectation, labels: string[]): SettingProblem | undefined {
  const hasKey = labels.some((l) => KEY_LABELS.has(l) || l === 'ENCRYPTED PRIVATE KEY');
  const hasCert = labels.includes('CERTIFICATE');
  if (field !== 'clientKey' && hasKey) {
    return error(
      `${FIELD_NAME[field]} field holds a private key.`,
      field === 'ca'
        ? 'Paste the cluster CA certificate here (certificate-authority-data in the kubeconfig, base64-decoded).'
        : 'Paste the certificate here and the key into "Client key".'
    );
  }
  if (field === 'clientKey' && hasCert) {
    return error(
      'The client key field holds a certificate.',
      'Paste the private key here (client-key-data, decoded) and the certificate into "Client certificate".'
    );
  }
  return undefined;
}

/**
 * Checks a PEM field before it is saved: Grafana's proxy would otherwise fail every request with
 * "Unable to load TLS certificate" (or, for a CA with no usable block, with an unknown-authority error).
 * It checks the framing, the labels, the base64 and that each block wraps one DER structure; it cannot tell
 * whether a key matches its certificate (the browser has no parser for PKCS#1 keys).
 */
export function checkPem(text: string | undefined, field: PemExpectation): SettingProblem | undefined {
  const value = (text ?? '').trim();
  if (value === '') {
    return undefined;
  }
  const blocks = Array.from(value.matchAll(BLOCK));
  if (blocks.length === 0) {
    if (isBase64OfPem(value)) {
      return error(
        `${FIELD_NAME[field]} is base64-encoded PEM, as in a kubeconfig's *-data fields.`,
        'Decode it first, e.g. echo "<value>" | base64 -d, and paste the text that begins with -----BEGIN.'
      );
    }
    return error(
      `${FIELD_NAME[field]} is not PEM.`,
      `Paste the whole block, from -----BEGIN ${field === 'clientKey' ? 'PRIVATE KEY' : 'CERTIFICATE'}----- to its END line.`
    );
  }
  const labels = blocks.map((b) => b[1]);
  const kind = wrongKind(field, labels);
  if (kind) {
    return kind;
  }
  if (labels.includes('ENCRYPTED PRIVATE KEY') || /Proc-Type:\s*4,ENCRYPTED/.test(value)) {
    return error(
      'The client key is encrypted with a passphrase, which Grafana cannot use.',
      'Decrypt it first, e.g. openssl pkey -in key.pem -out key-plain.pem.'
    );
  }
  if (field === 'clientKey' && blocks.length > 1) {
    return error('The client key field holds more than one PEM block.', 'Keep only the private key block.');
  }
  for (const [index, block] of blocks.entries()) {
    const [, begin, body, end] = block;
    const which = blocks.length > 1 ? ` (block ${index + 1})` : '';
    if (begin !== end) {
      return error(
        `${FIELD_NAME[field]}${which} begins as "${begin}" but ends as "${end}".`,
        'Paste the block again, whole.'
      );
    }
    const allowed = field === 'clientKey' ? KEY_LABELS.has(begin) : begin === 'CERTIFICATE';
    if (!allowed) {
      return error(
        `${FIELD_NAME[field]}${which} is a "${begin}" block.`,
        field === 'clientKey'
          ? 'Use the PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block.'
          : 'Use the CERTIFICATE block.'
      );
    }
    const der = decodeBase64(body);
    if (!der) {
      return error(
        `${FIELD_NAME[field]}${which} is damaged: its body is not valid base64.`,
        'Paste it again; copying from a terminal can add or drop characters.'
      );
    }
    if (!isDerSequence(der)) {
      return error(
        `${FIELD_NAME[field]}${which} is damaged: its content is cut short or has extra bytes.`,
        'Paste it again, whole.'
      );
    }
  }
  return undefined;
}
