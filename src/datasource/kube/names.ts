/**
 * Kubernetes object-name rules (apimachinery pkg/util/validation/validation.go and
 * pkg/api/validate/content/path.go). Every name that goes into a request path is checked here first,
 * so a value from a dashboard variable or a query can never steer a request to another path.
 */

/** object = any DNS-1123-subdomain-named object (deployments, PVCs, ...). */
export type NameKind = 'namespace' | 'node' | 'pod' | 'container' | 'object';

export class InvalidNameError extends Error {
  readonly name = 'InvalidNameError';
  readonly kind: NameKind;
  readonly value: string;
  readonly reason: string;

  constructor(kind: NameKind, value: string, reason: string) {
    super(`${quote(value)} is not a valid ${kind} name: ${reason}`);
    this.kind = kind;
    this.value = value;
    this.reason = reason;
  }
}

const LABEL_MAX = 63;
const SUBDOMAIN_MAX = 253;

const LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
  'and must start and end with an alphanumeric character (for example "my-name" or "123-abc")';
const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
  'and must start and end with an alphanumeric character (for example "example.com")';

/** Namespaces and containers are DNS-1123 labels; the rest are DNS-1123 subdomains. */
function isLabelKind(kind: NameKind): boolean {
  return kind === 'namespace' || kind === 'container';
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57); // a-z, 0-9
}

const CH_DASH = 45;
const CH_DOT = 46;

/** ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ over value[start, end), as a scan (no regex backtracking). */
function isLabelSpan(value: string, start: number, end: number): boolean {
  if (end <= start || !isAlnum(value.charCodeAt(start)) || !isAlnum(value.charCodeAt(end - 1))) {
    return false;
  }
  for (let i = start + 1; i < end - 1; i++) {
    const c = value.charCodeAt(i);
    if (!isAlnum(c) && c !== CH_DASH) {
      return false;
    }
  }
  return true;
}

/** label(\.label)* — labels inside a subdomain have no length limit of their own. */
function isSubdomain(value: string): boolean {
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value.charCodeAt(i) === CH_DOT) {
      if (!isLabelSpan(value, start, i)) {
        return false;
      }
      start = i + 1;
    }
  }
  return true;
}

/** Why `value` is not a valid `kind` name, or undefined when it is valid. */
function problem(kind: NameKind, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return `must be a string, got ${value === null ? 'null' : typeof value}`;
  }
  if (value.length === 0) {
    return 'must not be empty';
  }
  // Path-segment rules first: they explain traversal attempts more clearly than the character rule.
  if (value === '.' || value === '..') {
    return "may not be '.' or '..'";
  }
  if (value.includes('/')) {
    return "may not contain '/'";
  }
  if (value.includes('%')) {
    return "may not contain '%'";
  }
  if (isLabelKind(kind)) {
    if (value.length > LABEL_MAX) {
      return `must be no more than ${LABEL_MAX} characters`;
    }
    return isLabelSpan(value, 0, value.length) ? undefined : LABEL_RULE;
  }
  if (value.length > SUBDOMAIN_MAX) {
    return `must be no more than ${SUBDOMAIN_MAX} characters`;
  }
  return isSubdomain(value) ? undefined : SUBDOMAIN_RULE;
}

/** Returns `value` unchanged when it is a valid `kind` name, otherwise throws InvalidNameError. */
export function validateName(kind: NameKind, value: string): string {
  const reason = problem(kind, value);
  if (reason !== undefined) {
    throw new InvalidNameError(kind, typeof value === 'string' ? value : String(value), reason);
  }
  return value;
}

export function isValidName(kind: NameKind, value: string): boolean {
  return problem(kind, value) === undefined;
}

/** JSON quoting shows control characters visibly; long values are cut so logs stay readable. */
function quote(value: string): string {
  const limit = 100;
  return JSON.stringify(value.length > limit ? `${value.slice(0, limit)}…` : value);
}
