import {
  DEFAULT_HISTORY_MINUTES,
  DEFAULT_POLL_INTERVAL_SECONDS,
  KubeDataSourceOptions,
  MIN_POLL_INTERVAL_SECONDS,
} from '../types';

/** The longest history the settings accept: a day (memory stays bounded by points per series anyway). */
export const MAX_HISTORY_MINUTES = 24 * 60;

/** The sampler's interval and retention from the data source settings, defaulted and clamped. */
export function samplerSettings(jsonData: Pick<KubeDataSourceOptions, 'pollIntervalSeconds' | 'historyMinutes'>): {
  intervalMs: number;
  retentionMs: number;
} {
  const seconds = positive(jsonData.pollIntervalSeconds) ?? DEFAULT_POLL_INTERVAL_SECONDS;
  const minutes = positive(jsonData.historyMinutes) ?? DEFAULT_HISTORY_MINUTES;
  return {
    intervalMs: Math.max(MIN_POLL_INTERVAL_SECONDS, seconds) * 1000,
    retentionMs: Math.min(MAX_HISTORY_MINUTES, minutes) * 60_000,
  };
}

function positive(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
