import React from 'react';

import type { LogSource } from '../model/sources';
import { PODLOGS_TEST_IDS } from '../testIds';
import { FilterChip } from './FilterChip';

interface Props {
  sources: readonly LogSource[];
  hidden: readonly boolean[];
  color: (source: number) => string;
  onToggle: (source: number) => void;
}

/** One chip per pod/container that wrote lines, coloured like its lines, to show or hide them. */
export function SourceChips({ sources, hidden, color, onToggle }: Props) {
  return (
    <>
      {sources.map((source, i) =>
        source.label === '' ? null : (
          <FilterChip
            key={source.key}
            label={source.label}
            color={color(i)}
            hidden={Boolean(hidden[i])}
            tooltip={[
              hidden[i] ? 'Show these lines' : 'Hide these lines',
              source.namespace && `namespace ${source.namespace}`,
              source.node && `node ${source.node}`,
            ]
              .filter(Boolean)
              .join(' · ')}
            onToggle={() => onToggle(i)}
            testId={PODLOGS_TEST_IDS.sourceChip}
          />
        )
      )}
    </>
  );
}
