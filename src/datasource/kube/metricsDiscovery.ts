/**
 * Which metrics.k8s.io version to read. metrics.k8s.io graduates to v1 in Kubernetes 1.37 (KEP-5207) while
 * metrics-server serves only v1beta1, so the data source reads the group's discovery (`GET /apis/metrics.k8s.io`,
 * an APIGroup) once per data source, prefers v1 where the cluster serves it and falls back to v1beta1. The choice
 * is kept on the client (shared by its views) and forgotten after a 404 on the chosen version, so the next read
 * discovers again. A 404 discovery means metrics-server is absent: that error (metricsApiMissing) passes through.
 */
import { catchError, defer, map, Observable, of, switchMap, tap, throwError } from 'rxjs';

import type { KubeClient } from './client';
import { KubeError } from './kubeError';
import { METRICS_VERSIONS, metricsGroupPath, MetricsVersion } from './paths';
import { asKubeError } from './queryError';

interface GroupVersion {
  groupVersion?: unknown;
  version?: unknown;
}

interface ApiGroup {
  versions?: unknown;
  preferredVersion?: GroupVersion;
}

/** the versions an APIGroup body lists (its preferred version too), as strings; [] for anything else */
export function servedVersions(body: unknown): string[] {
  if (!body || typeof body !== 'object') {
    return [];
  }
  const g = body as ApiGroup;
  const listed = Array.isArray(g.versions) ? (g.versions as GroupVersion[]) : [];
  const all = [...listed, ...(g.preferredVersion ? [g.preferredVersion] : [])];
  return all.map((v) => (v && typeof v.version === 'string' ? v.version : '')).filter(Boolean);
}

/** v1 where the group serves it, else v1beta1; undefined when it serves neither */
export function chooseMetricsVersion(body: unknown): MetricsVersion | undefined {
  const served = servedVersions(body);
  return METRICS_VERSIONS.find((v) => served.includes(v));
}

function isMetricsVersion(v: string | undefined): v is MetricsVersion {
  return (METRICS_VERSIONS as readonly string[]).includes(v ?? '');
}

/** the version to read, from the cache or one discovery request */
export function metricsVersion(client: KubeClient): Observable<MetricsVersion> {
  return defer(() => {
    const cached = client.discovery.metricsVersion;
    if (isMetricsVersion(cached)) {
      return of(cached);
    }
    const path = metricsGroupPath();
    return client.getJson<unknown>(path).pipe(
      catchError((err) => throwError(() => asKubeError(err, path))),
      map((body) => {
        const chosen = chooseMetricsVersion(body);
        if (!chosen) {
          const served = servedVersions(body);
          throw new KubeError({
            kind: 'metricsApiMissing',
            message: `metrics.k8s.io serves ${served.length ? served.join(', ') : 'no version'}, not v1 or v1beta1`,
            remedy: 'Install or upgrade metrics-server (it serves metrics.k8s.io/v1beta1).',
            path,
          });
        }
        return chosen;
      }),
      tap((chosen) => {
        client.discovery.metricsVersion = chosen;
      })
    );
  });
}

/** forget the chosen version: the next read discovers again */
export function forgetMetricsVersion(client: KubeClient): void {
  delete client.discovery.metricsVersion;
}

/**
 * `read` with the version discovery chose. A 404 (the chosen version went away, e.g. metrics-server was replaced)
 * forgets the choice, so the next poll discovers again; the error still reaches the caller.
 */
export function withMetricsVersion<T>(
  client: KubeClient,
  read: (version: MetricsVersion) => Observable<T>
): Observable<T> {
  return metricsVersion(client).pipe(
    switchMap((version) =>
      read(version).pipe(
        catchError((err: unknown) => {
          if (asKubeError(err).status === 404) {
            forgetMetricsVersion(client);
          }
          return throwError(() => err);
        })
      )
    )
  );
}
