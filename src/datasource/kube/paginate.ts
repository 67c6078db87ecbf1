import { catchError, defer, EMPTY, expand, Observable, reduce, throwError } from 'rxjs';

import { KubeError } from './errors';

export interface KubeList<T> {
  items: T[];
  resourceVersion?: string;
}

/** One page of a list response. */
export interface ListPage<T> {
  items: T[];
  /** `metadata.continue`; absent or '' on the last page */
  continueToken?: string;
  resourceVersion?: string;
}

function isExpired(err: unknown): boolean {
  return err instanceof KubeError && err.kind === 'expired';
}

/**
 * Reads every page of a list, one after the other, and concatenates the items. If the continue token
 * expires mid-list (410 Expired) the list is read again once from the start, since mixing pages from two
 * snapshots would be inconsistent; a second expiry fails with the expired error.
 */
export function paginate<T>(
  fetchPage: (continueToken: string | undefined) => Observable<ListPage<T>>,
  path: string
): Observable<KubeList<T>> {
  const readAll = (progress: { midList: boolean }): Observable<KubeList<T>> => {
    const seen = new Set<string>();
    return fetchPage(undefined).pipe(
      expand((page) => {
        const token = page.continueToken;
        if (!token) {
          return EMPTY;
        }
        if (seen.has(token)) {
          return throwError(
            () =>
              new KubeError({
                kind: 'malformed',
                path,
                message: `The API server returned the same continue token twice while listing ${path}`,
                remedy: 'Check that the data source URL points at a Kubernetes API server.',
              })
          );
        }
        seen.add(token);
        return defer(() => {
          progress.midList = true;
          return fetchPage(token);
        });
      }),
      reduce(
        (list, page) => {
          for (const item of page.items) {
            list.items.push(item);
          }
          list.resourceVersion ??= page.resourceVersion;
          return list;
        },
        { items: [] as T[], resourceVersion: undefined as string | undefined }
      )
    );
  };

  return defer(() => {
    const first = { midList: false };
    return readAll(first).pipe(
      catchError((err) => (isExpired(err) && first.midList ? readAll({ midList: false }) : throwError(() => err)))
    );
  });
}
