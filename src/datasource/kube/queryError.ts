import { DataQueryError } from '@grafana/data';

import { DecodeError } from '../decode/decodeError';
import { describeKubeError, KubeError, toKubeError } from './errors';

/** Anything a query can throw, as a KubeError (decoders' shape errors become `malformed`). */
export function asKubeError(err: unknown, path?: string): KubeError {
  if (err instanceof DecodeError) {
    return new KubeError({
      kind: 'malformed',
      message: err.message,
      remedy: 'Check that the data source URL points at a Kubernetes API server and not at a proxy or another service.',
      path,
    });
  }
  return toKubeError(err, path);
}

/** The error Grafana shows on the panel: what is wrong and what to do, never a stack trace. */
export function toQueryError(err: unknown, refId: string): DataQueryError {
  const kubeError = asKubeError(err);
  return { message: describeKubeError(kubeError), status: kubeError.status, refId };
}
