import { defer, finalize, Observable, ReplaySubject, share } from 'rxjs';

/**
 * Shares one in-flight request among every caller that asks for the same thing at the same time.
 * The entry lives from the first subscription until the request completes, fails, or loses its last
 * subscriber (which also cancels it); the next call after that starts a new request. A caller that joins late
 * is replayed what the request emitted so far (its retry notes), so it can tell its own query about them.
 */
export class InFlight {
  private readonly requests = new Map<string, Observable<unknown>>();

  /** how many distinct requests are running now */
  get size(): number {
    return this.requests.size;
  }

  run<T>(key: string, start: () => Observable<T>): Observable<T> {
    return defer(() => {
      const running = this.requests.get(key) as Observable<T> | undefined;
      if (running) {
        return running;
      }
      const shared: Observable<T> = start().pipe(
        finalize(() => {
          // only remove our own entry: a newer request may already use the key
          if (this.requests.get(key) === shared) {
            this.requests.delete(key);
          }
        }),
        share({ connector: () => new ReplaySubject<T>() })
      );
      this.requests.set(key, shared);
      return shared;
    });
  }
}
