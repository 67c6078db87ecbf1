import React, { memo } from 'react';

import { LOG_LEVELS } from '../../common/logLevel';
import { PODLOGS_TEST_IDS } from '../testIds';
import { FilterChip } from './FilterChip';

interface Props {
  /** undefined until the engine has counted */
  counts?: Int32Array;
  hidden: readonly boolean[];
  colors: readonly string[];
  onToggle: (level: number) => void;
}

/**
 * One chip per level that has lines (or is hidden), with how many entries it has under the other filters: a
 * stack trace counts once, with the line that starts it.
 */
export const LevelChips = memo(function LevelChips({ counts, hidden, colors, onToggle }: Props) {
  return (
    <>
      {LOG_LEVELS.map((level, i) =>
        (counts?.[i] ?? 0) > 0 || hidden[i] ? (
          <FilterChip
            key={level}
            label={level}
            color={colors[i]}
            count={counts?.[i] ?? 0}
            hidden={hidden[i]}
            tooltip={hidden[i] ? `Show ${level} lines` : `Hide ${level} lines`}
            index={i}
            onToggle={onToggle}
            testId={PODLOGS_TEST_IDS.levelChip}
          />
        ) : null
      )}
    </>
  );
});
