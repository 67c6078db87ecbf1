import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, IconButton, InlineSwitch, Input, Stack, TagsInput, ToolbarButton, useStyles2 } from '@grafana/ui';

import { PODLOGS_TEST_IDS } from '../testIds';

export interface SearchState {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
  onlyMatching: boolean;
  exclude: string[];
}

interface Props {
  state: SearchState;
  onChange: (next: Partial<SearchState>) => void;
  /** why the search or an exclude pattern does not compile; the last valid filter stays applied */
  error?: string;
  /** 0-based position of the current match, -1 for none */
  matchIndex: number;
  matchCount: number;
  onPrevMatch: () => void;
  onNextMatch: () => void;
}

/** Search box with regex and case toggles, match navigation, "only matching" and exclude patterns. */
export function SearchControls({ state, onChange, error, matchIndex, matchCount, onPrevMatch, onNextMatch }: Props) {
  const styles = useStyles2(getStyles);
  const searching = state.text !== '';
  return (
    <Stack direction="row" gap={0.5} alignItems="center" wrap="wrap">
      <div className={styles.search}>
        <Input
          value={state.text}
          placeholder={state.regex ? 'Search (regular expression)' : 'Search'}
          prefix={<Icon name="search" />}
          invalid={Boolean(error)}
          aria-label="Search the lines"
          onChange={(e) => onChange({ text: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (e.shiftKey) {
                onPrevMatch();
              } else {
                onNextMatch();
              }
            }
          }}
          data-testid={PODLOGS_TEST_IDS.search}
        />
      </div>
      <ToolbarButton
        variant={state.regex ? 'active' : 'default'}
        aria-pressed={state.regex}
        tooltip="Regular expression"
        narrow
        onClick={() => onChange({ regex: !state.regex })}
        data-testid={PODLOGS_TEST_IDS.regexToggle}
      >
        .*
      </ToolbarButton>
      <ToolbarButton
        variant={state.caseSensitive ? 'active' : 'default'}
        aria-pressed={state.caseSensitive}
        tooltip="Match case"
        narrow
        onClick={() => onChange({ caseSensitive: !state.caseSensitive })}
        data-testid={PODLOGS_TEST_IDS.caseToggle}
      >
        Aa
      </ToolbarButton>
      {searching && (
        <>
          <span className={styles.counter} data-testid={PODLOGS_TEST_IDS.matchCounter} aria-live="polite">
            {matchCount === 0
              ? 'No matches'
              : matchIndex < 0
                ? `${matchCount.toLocaleString('en-US')} matching ${matchCount === 1 ? 'line' : 'lines'}`
                : `${matchIndex + 1} / ${matchCount.toLocaleString('en-US')}`}
          </span>
          <IconButton
            name="angle-up"
            aria-label="Previous match"
            disabled={matchCount === 0}
            onClick={onPrevMatch}
            data-testid={PODLOGS_TEST_IDS.prevMatch}
          />
          <IconButton
            name="angle-down"
            aria-label="Next match"
            disabled={matchCount === 0}
            onClick={onNextMatch}
            data-testid={PODLOGS_TEST_IDS.nextMatch}
          />
        </>
      )}
      <InlineSwitch
        label="Only matching"
        showLabel
        transparent
        value={state.onlyMatching}
        onChange={(e) => onChange({ onlyMatching: e.currentTarget.checked })}
        data-testid={PODLOGS_TEST_IDS.onlyMatching}
      />
      <div className={styles.exclude} data-testid={PODLOGS_TEST_IDS.exclude}>
        <TagsInput
          tags={state.exclude}
          placeholder="Exclude (Enter to add)"
          autoColors={false}
          addOnBlur
          onChange={(exclude) => onChange({ exclude })}
        />
      </div>
      {error && (
        <span className={styles.error} role="alert" data-testid={PODLOGS_TEST_IDS.searchError}>
          <Icon name="exclamation-triangle" /> {error}. The last valid filter stays applied.
        </span>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  search: css({
    width: theme.spacing(28),
    maxWidth: '100%',
  }),
  exclude: css({
    minWidth: theme.spacing(20),
    maxWidth: theme.spacing(40),
  }),
  counter: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    padding: theme.spacing(0, 0.5),
  }),
  error: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
