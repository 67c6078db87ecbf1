import React from 'react';
import { Dropdown, Menu, ToolbarButton } from '@grafana/ui';

import type { LogSource } from '../model/sources';
import { PODLOGS_TEST_IDS } from '../testIds';
import { FilterChip } from './FilterChip';

interface Props {
  sources: readonly LogSource[];
  hidden: readonly boolean[];
  color: (source: number) => string;
  onToggle: (source: number) => void;
}

/** Chips shown before the rest collapse into a menu: a rollout of 50 pods must not push the lines away. */
export const MAX_SOURCE_CHIPS = 8;

function tooltip(source: LogSource, hidden: boolean): string {
  return [
    hidden ? 'Show these lines' : 'Hide these lines',
    source.namespace && `namespace ${source.namespace}`,
    source.node && `node ${source.node}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * One chip per pod/container that wrote lines, coloured like its lines, to show or hide them. Past
 * MAX_SOURCE_CHIPS the others are in a "+N more" menu, where each can be shown or hidden too.
 */
export function SourceChips({ sources, hidden, color, onToggle }: Props) {
  const named = sources.map((source, i) => ({ source, i })).filter(({ source }) => source.label !== '');
  const chips = named.slice(0, MAX_SOURCE_CHIPS);
  const rest = named.slice(MAX_SOURCE_CHIPS);
  const hiddenInRest = rest.filter(({ i }) => hidden[i]).length;
  return (
    <>
      {chips.map(({ source, i }) => (
        <FilterChip
          key={source.key}
          label={source.label}
          color={color(i)}
          hidden={Boolean(hidden[i])}
          tooltip={tooltip(source, Boolean(hidden[i]))}
          index={i}
          onToggle={onToggle}
          testId={PODLOGS_TEST_IDS.sourceChip}
        />
      ))}
      {rest.length > 0 && (
        <Dropdown
          placement="bottom-start"
          overlay={
            <Menu>
              {rest.map(({ source, i }) => (
                <Menu.Item
                  key={source.key}
                  label={source.label}
                  role="menuitemcheckbox"
                  ariaChecked={!hidden[i]}
                  icon={hidden[i] ? 'eye-slash' : 'eye'}
                  onClick={() => onToggle(i)}
                  description={tooltip(source, Boolean(hidden[i]))}
                />
              ))}
            </Menu>
          }
        >
          <ToolbarButton narrow data-testid={PODLOGS_TEST_IDS.moreSources}>
            +{rest.length} more{hiddenInRest > 0 ? ` (${hiddenInRest} hidden)` : ''}
          </ToolbarButton>
        </Dropdown>
      )}
    </>
  );
}
