import { MAX_HISTORY_MINUTES, samplerSettings } from './samplerSettings';
import { DEFAULT_HISTORY_MINUTES, DEFAULT_POLL_INTERVAL_SECONDS, MIN_POLL_INTERVAL_SECONDS } from '../types';

describe('samplerSettings', () => {
  it('uses the data source settings', () => {
    expect(samplerSettings({ pollIntervalSeconds: 30, historyMinutes: 120 })).toEqual({
      intervalMs: 30_000,
      retentionMs: 7_200_000,
    });
  });

  it('falls back to the defaults for missing or unusable values', () => {
    const defaults = {
      intervalMs: DEFAULT_POLL_INTERVAL_SECONDS * 1000,
      retentionMs: DEFAULT_HISTORY_MINUTES * 60_000,
    };
    expect(samplerSettings({})).toEqual(defaults);
    expect(samplerSettings({ pollIntervalSeconds: -5, historyMinutes: 0 })).toEqual(defaults);
    expect(samplerSettings({ pollIntervalSeconds: NaN, historyMinutes: NaN })).toEqual(defaults);
  });

  it('reads numbers saved as text by older editors', () => {
    expect(samplerSettings({ historyMinutes: '30' as unknown as number }).retentionMs).toBe(1_800_000);
  });

  it('keeps the interval at or above the minimum and the history at most a day', () => {
    expect(samplerSettings({ pollIntervalSeconds: 1 }).intervalMs).toBe(MIN_POLL_INTERVAL_SECONDS * 1000);
    expect(samplerSettings({ historyMinutes: 10_000 }).retentionMs).toBe(MAX_HISTORY_MINUTES * 60_000);
  });
});
