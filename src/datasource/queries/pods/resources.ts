/** Requests and limits as the pods query holds them: numbers, and nano-precise sums. Pure. */

/** Requests and limits in cores and bytes; absent when not set. */
export interface Resources {
  cpuRequest?: number;
  memoryRequest?: number;
  cpuLimit?: number;
  memoryLimit?: number;
}

export type ResourceKey = keyof Resources;

/** Sums of nano-precise quantities back to nano precision (0.2 + 0.1 cores is 0.3, not 0.30000000000000004). */
export function toNano(x: number): number {
  return Number.isInteger(x) ? x : Math.round(x * 1e9) / 1e9;
}
