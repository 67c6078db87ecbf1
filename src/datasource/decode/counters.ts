/** Rates from two readings of a cumulative counter (kubelet Summary counters, Prometheus counters). */

export interface CounterReading {
  /** The counter; bigint when it may pass 2^53 (uint64 kubelet counters). */
  value: bigint | number;
  /** When it was read, epoch ms. */
  timeMs: number;
}

const ZERO = BigInt(0);

/**
 * Per-second increase from `prev` to `cur`. The difference is taken in BigInt when both values are integers,
 * so counters near 2^64 keep their exact step. A decrease means the counter restarted (container restart,
 * kubelet restart): as Prometheus does, the increase is then `cur` itself. Undefined when time did not move
 * forward or a value is not finite.
 */
export function counterRate(prev: CounterReading, cur: CounterReading): number | undefined {
  const seconds = (cur.timeMs - prev.timeMs) / 1000;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    return undefined;
  }
  const increase = counterIncrease(prev.value, cur.value);
  return increase === undefined ? undefined : increase / seconds;
}

/** `cur - prev`, or `cur` after a reset; undefined for NaN or infinite readings. */
export function counterIncrease(prev: bigint | number, cur: bigint | number): number | undefined {
  const a = exactInteger(prev);
  const b = exactInteger(cur);
  if (a !== undefined && b !== undefined) {
    const delta = b - a;
    return Number(delta < ZERO ? b : delta);
  }
  const x = Number(prev);
  const y = Number(cur);
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    return undefined;
  }
  return y < x ? y : y - x;
}

/** A bigint, or an integral number as a bigint; undefined for fractions and non-finite numbers. */
function exactInteger(v: bigint | number): bigint | undefined {
  if (typeof v === 'bigint') {
    return v;
  }
  return Number.isInteger(v) ? BigInt(v) : undefined;
}
