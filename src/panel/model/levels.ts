import { LOG_LEVELS, type LogLevel, normalizeLevel } from '../../common/logLevel';

/** Levels are stored as small integers (their index in LOG_LEVELS) so a million rows stay one packed array. */
export type LevelIndex = number;

export const LEVEL_COUNT = LOG_LEVELS.length;
export const UNKNOWN_LEVEL: LevelIndex = LOG_LEVELS.indexOf('unknown');

const INDEX_BY_TEXT = new Map<string, LevelIndex>(LOG_LEVELS.map((level, i) => [level, i]));

/** A severity value from a frame (ours are already LogLevel words; others go through normalizeLevel). */
export function levelIndexOf(text: unknown): LevelIndex {
  if (typeof text !== 'string') {
    return typeof text === 'number' ? INDEX_BY_TEXT.get(normalizeLevel(String(text)))! : UNKNOWN_LEVEL;
  }
  return INDEX_BY_TEXT.get(text) ?? INDEX_BY_TEXT.get(normalizeLevel(text))!;
}

export function levelAt(index: LevelIndex): LogLevel {
  return LOG_LEVELS[index] ?? 'unknown';
}
