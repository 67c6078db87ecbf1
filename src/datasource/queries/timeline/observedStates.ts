/**
 * What the data source saw at each poll while a timeline was open: per data source and lane, the state at
 * each poll where it changed. The object API tells only the latest instance of a crash-looping container;
 * earlier flips survive here, and spans known only this way are marked observed.
 *
 * Why not ctx.watchHistory: the sampler's history holds numeric samples (gauges and counters, for rates and
 * series); states are text, and a lane's memory is a handful of changes, not a sample per poll.
 */
import { Lane, Span } from './timelineTypes';

interface Observation {
  ms: number;
  state: string;
}

/** bounds, so an open dashboard cannot grow the browser's memory without end */
export const OBSERVED_LIMITS = { lanesPerSource: 20_000, changesPerLane: 200, keepMs: 24 * 3_600_000 };

/** The state a lane's spans give at `ms`; null when unknown. */
export function stateAt(spans: readonly Span[], ms: number): string | null {
  let state: string | null = null;
  for (const s of spans) {
    if (s.startMs > ms) {
      break;
    }
    state = s.state;
  }
  return state;
}

export class ObservedStates {
  private readonly sources = new Map<string, Map<string, Observation[]>>();

  /** Notes each lane's current state (from the API) at this poll's time. */
  record(source: string, lanes: readonly Lane[], nowMs: number): void {
    let memory = this.sources.get(source);
    if (!memory) {
      memory = new Map();
      this.sources.set(source, memory);
    }
    for (const lane of lanes) {
      const state = stateAt(lane.spans, nowMs);
      if (state === null) {
        continue;
      }
      const list = memory.get(lane.key) ?? [];
      if (list[list.length - 1]?.state !== state) {
        list.push({ ms: nowMs, state });
      }
      while (
        list.length > OBSERVED_LIMITS.changesPerLane ||
        (list.length > 1 && list[0].ms < nowMs - OBSERVED_LIMITS.keepMs)
      ) {
        list.shift();
      }
      // re-inserted: the map's order is then least recently seen first, what the bound drops
      memory.delete(lane.key);
      memory.set(lane.key, list);
    }
    while (memory.size > OBSERVED_LIMITS.lanesPerSource) {
      memory.delete(memory.keys().next().value!);
    }
  }

  /**
   * The lane with observed spans before its first API-known time (the API's account wins wherever it has
   * one). An observation starts a span that lasts until the next one or until the API's account begins.
   */
  merge(source: string, lane: Lane): Lane {
    const list = this.sources.get(source)?.get(lane.key);
    if (!list?.length) {
      return lane;
    }
    const firstApi = lane.spans.find((s) => s.state !== null)?.startMs ?? Infinity;
    const observed: Span[] = [];
    for (const o of list) {
      if (o.ms < firstApi && observed[observed.length - 1]?.state !== o.state) {
        observed.push({ startMs: o.ms, state: o.state, source: 'observed' });
      }
    }
    return observed.length
      ? { ...lane, spans: [...observed, ...lane.spans.filter((s) => s.startMs >= firstApi)] }
      : lane;
  }

  clear(): void {
    this.sources.clear();
  }
}
