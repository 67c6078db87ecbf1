import { catchError, defer, from, last, map, mergeMap, Observable, of, reduce } from 'rxjs';

import { KubeError, toKubeError } from './errors';

export interface FanOutResult<K, T> {
  key: K;
  value?: T;
  error?: KubeError;
}

/**
 * Runs `fn` for every key with at most `concurrency` running at once. A failing key becomes a result with
 * `error`, never a failure of the whole; results come in the order of `keys`. Unsubscribing cancels all.
 * An item's value is the last one its observable emits (none if it completes empty).
 */
export function fanOut<K, T>(
  keys: readonly K[],
  fn: (key: K) => Observable<T>,
  concurrency: number
): Observable<Array<FanOutResult<K, T>>> {
  if (keys.length === 0) {
    return of([]);
  }
  const bound = Math.max(1, Math.floor(Number.isFinite(concurrency) ? concurrency : 1));
  // defer: each subscription gets its own results array
  return defer(() =>
    from(keys.map((key, index) => ({ key, index }))).pipe(
      mergeMap(
        ({ key, index }) =>
          defer(() => fn(key)).pipe(
            last(undefined, undefined as T | undefined),
            map((value): FanOutResult<K, T> => (value === undefined ? { key } : { key, value })),
            catchError((err) => of<FanOutResult<K, T>>({ key, error: toKubeError(err) })),
            map((result) => ({ result, index }))
          ),
        bound
      ),
      reduce((results, { result, index }) => {
        results[index] = result;
        return results;
      }, new Array<FanOutResult<K, T>>(keys.length))
    )
  );
}
