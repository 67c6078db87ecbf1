/** A growable column of small integers: appends and front drops without per-element work in JavaScript. */
export class IntColumn {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  append(values: ArrayLike<number>, from: number): void {
    const n = values.length - from;
    if (n <= 0) {
      return;
    }
    this.reserve(this.length + n);
    if (from === 0 && (values instanceof Int32Array || Array.isArray(values))) {
      this.data.set(values, this.length);
    } else {
      for (let k = 0; k < n; k++) {
        this.data[this.length + k] = values[from + k];
      }
    }
    this.length += n;
  }

  /** Appends n zeros. */
  appendZeros(n: number): void {
    this.reserve(this.length + n);
    this.data.fill(0, this.length, this.length + n);
    this.length += n;
  }

  append1(value: number): void {
    if (this.length === this.data.length) {
      this.reserve(this.length + 1);
    }
    this.data[this.length++] = value;
  }

  truncate(n: number): void {
    this.length = Math.min(this.length, n);
  }

  dropFront(n: number): void {
    this.data.copyWithin(0, n, this.length);
    this.length -= n;
  }

  clearValues(): void {
    this.data.fill(0, 0, this.length);
  }

  private reserve(n: number): void {
    if (n > this.data.length) {
      const next = new Int32Array(Math.max(n, this.data.length * 2));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
  }
}

/** The first position in a sorted list whose value is >= value. */
export function lowerBound(list: ArrayLike<number>, value: number, hi = list.length): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
