import { Observable, Subscription } from 'rxjs';

/**
 * At most `size` requests at once; the rest wait in order. Grafana's frontend runs at most 5 data-proxy
 * requests at a time and queues the others, and time spent in that queue counts toward our timeout; waiting
 * here instead, where a request's timeout starts only when it passes, keeps a big fan-out from timing out.
 * A request holds its place until it completes, fails or is unsubscribed; unsubscribing while waiting leaves
 * the queue without anything being sent.
 */
export class RequestGate {
  private running = 0;
  private readonly queue: Array<() => void> = [];
  readonly size: number;

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(Number.isFinite(size) ? size : 1));
  }

  /** requests past the gate now */
  get inFlight(): number {
    return this.running;
  }

  /** requests waiting to pass */
  get waiting(): number {
    return this.queue.length;
  }

  /** `work` is subscribed when a place is free; its place is given back when it ends. */
  run<T>(work: () => Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) => {
      let inner: Subscription | undefined;
      let holding = false;
      const start = () => {
        holding = true;
        try {
          inner = work().subscribe({
            next: (value) => subscriber.next(value),
            error: (err) => subscriber.error(err),
            complete: () => subscriber.complete(),
          });
        } catch (err) {
          subscriber.error(err);
        }
      };
      if (this.running < this.size) {
        this.running++;
        start();
      } else {
        this.queue.push(start);
      }
      return () => {
        const queued = this.queue.indexOf(start);
        if (queued >= 0) {
          this.queue.splice(queued, 1);
        }
        inner?.unsubscribe();
        if (holding) {
          holding = false;
          this.release();
        }
      };
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) {
      // the place passes straight to the next in line
      next();
    } else {
      this.running--;
    }
  }
}
