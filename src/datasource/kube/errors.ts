import { isFetchError } from '@grafana/runtime';

import { headersOf } from './headers';
import { KubeError } from './kubeError';
import { kubeErrorFromResponse } from './responseErrors';
import { REMEDY } from './statusCases';

export { KubeError } from './kubeError';
export type { KubeErrorInit, KubeErrorKind } from './kubeError';
export type { ResponseHeaders } from './headers';
export { kubeErrorFromResponse } from './responseErrors';

function isNamed(err: unknown, name: string): err is Error {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name;
}

/** The message for a response that is not the JSON it should be. */
export function malformedError(path: string | undefined, detail: string, cause?: unknown): KubeError {
  return new KubeError({
    kind: 'malformed',
    path,
    message: `The response from ${path ?? 'the API server'} is not valid JSON: ${detail}`,
    remedy: REMEDY.malformed,
    cause,
  });
}

/** Anything thrown while talking to the API server, as a KubeError. */
export function toKubeError(err: unknown, path?: string): KubeError {
  if (err instanceof KubeError) {
    return err;
  }
  if (isNamed(err, 'InvalidNameError')) {
    // thrown by the path builders (paths.ts) before any request is made
    const { reason } = err as Error & { reason?: unknown };
    return new KubeError({
      kind: 'invalidName',
      path,
      reason: typeof reason === 'string' ? reason : undefined,
      message: err.message,
      remedy: 'Use a valid Kubernetes name: lower-case letters, digits, "-" and "." (check template variables too).',
      cause: err,
    });
  }
  if (isNamed(err, 'SyntaxError')) {
    return malformedError(path, err.message, err);
  }
  if (isNamed(err, 'TimeoutError')) {
    return new KubeError({
      kind: 'timeout',
      path,
      message: 'The request to the API server timed out',
      remedy: 'Narrow the query (namespace, label selector) and retry.',
      cause: err,
    });
  }
  if (isNamed(err, 'AbortError')) {
    return cancelledError(path, err);
  }
  if (isFetchError(err)) {
    if (err.cancelled) {
      return cancelledError(path, err);
    }
    const where = path ?? err.config?.url ?? '';
    return kubeErrorFromResponse(err.status, err.data, where, headersOf(err), err.statusText);
  }
  if (err instanceof Error) {
    // a fetch that never got a response (TypeError: Failed to fetch) carries no status
    const network = err.name === 'TypeError' && /fetch|network/i.test(err.message);
    return new KubeError({
      kind: network ? 'network' : 'unknown',
      path,
      message: err.message || err.name,
      remedy: network
        ? 'Check the connection to Grafana and reload the page.'
        : 'Retry; if it persists, check the Grafana server log.',
      cause: err,
    });
  }
  return new KubeError({
    kind: 'unknown',
    path,
    message: typeof err === 'string' ? err : 'Unknown error',
    remedy: 'Retry; if it persists, check the Grafana server log.',
    cause: err,
  });
}

function cancelledError(path: string | undefined, cause: unknown): KubeError {
  return new KubeError({
    kind: 'cancelled',
    path,
    message: 'The request was cancelled',
    remedy: 'Nothing to do: a newer query replaced it.',
    cause,
  });
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}

/** One line: what is wrong, then what to do. */
export function describeKubeError(err: KubeError): string {
  const line = `${sentence(err.message)} ${sentence(err.remedy)}`;
  return line.replace(/\s+/g, ' ').trim();
}
