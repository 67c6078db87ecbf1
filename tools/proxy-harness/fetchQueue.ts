import { Observable, Subscription } from 'rxjs';

/** FetchQueueWorker's cap without HTTP/2 (`config.http2Enabled` raises it to 1000). */
export const MAX_PARALLEL_REQUESTS = 5;

/** public/app/core/utils/query.ts isDataQuery: the requests the cap applies to. */
export function isDataQuery(url: string): boolean {
  return url.includes('api/datasources/proxy') || url.includes('api/ds/query');
}

export interface FetchQueueStats {
  /** requests running now */
  inFlight: number;
  /** data requests waiting for a slot now */
  waiting: number;
  /** the most requests that ran at once */
  maxConcurrent: number;
  /** requests that started at all */
  started: number;
  /** requests that had to wait for a slot */
  waited: number;
  /** requests whose caller left while they waited: nothing was sent for them */
  cancelledWhileWaiting: number;
}

interface Entry {
  url: string;
  state: 'waiting' | 'running' | 'done';
  begin(): void;
}

/**
 * Grafana's backendSrv queue (public/app/core/services/backend_srv.ts fetch, FetchQueue, FetchQueueWorker,
 * ResponseQueue): at most 5 requests in progress, data-proxy requests wait in order while the others start at
 * once. A request counts from the moment the caller subscribes, so its wait counts toward the caller's rxjs
 * timeout; it is done when the caller's observable ends or is unsubscribed, and one that leaves while waiting
 * is removed without being sent. Browser-safe: the playground's backendSrv uses it too.
 */
export class FetchQueue {
  /** waiting entries in the order their callers subscribed */
  private waiting: Entry[] = [];
  private running = 0;
  private pumping = false;
  private again = false;
  private counts = { maxConcurrent: 0, started: 0, waited: 0, cancelledWhileWaiting: 0 };

  constructor(private readonly limit = MAX_PARALLEL_REQUESTS) {}

  /** `source` is subscribed when the request's turn comes; the returned observable is what the caller gets. */
  run<T>(url: string, source: () => Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) => {
      const inner = new Subscription();
      const entry: Entry = {
        url,
        state: 'waiting',
        begin: () => inner.add(source().subscribe(subscriber)),
      };
      this.waiting.push(entry);
      this.pump();
      if (entry.state === 'waiting') {
        this.counts.waited++;
      }
      return () => {
        if (entry.state === 'waiting') {
          this.waiting = this.waiting.filter((e) => e !== entry);
          this.counts.cancelledWhileWaiting++;
        } else if (entry.state === 'running') {
          this.running--;
        }
        entry.state = 'done';
        inner.unsubscribe();
        this.pump();
      };
    });
  }

  stats(): FetchQueueStats {
    return { inFlight: this.running, waiting: this.waiting.length, ...this.counts };
  }

  private start(entry: Entry): void {
    entry.state = 'running';
    this.running++;
    this.counts.started++;
    this.counts.maxConcurrent = Math.max(this.counts.maxConcurrent, this.running);
    entry.begin();
  }

  /** FetchQueueWorker: other API requests first, then as many data requests as slots are free. */
  private pump(): void {
    if (this.pumping) {
      this.again = true; // a request ended synchronously while another was starting
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const others = this.waiting.filter((e) => !isDataQuery(e.url));
        if (others.length) {
          this.waiting = this.waiting.filter((e) => isDataQuery(e.url));
          others.forEach((e) => e.state === 'waiting' && this.start(e));
        }
        while (this.running < this.limit && this.waiting.length) {
          const next = this.waiting.shift()!;
          if (next.state === 'waiting') {
            this.start(next);
          }
        }
      } while (this.again);
    } finally {
      this.pumping = false;
    }
  }
}
