import React, { memo } from 'react';
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
  /** the engine is still going through the lines */
  searching?: boolean;
  /** 0-based position of the current match, -1 for none */
  matchIndex: number;
  matchCount: number;
  onPrevMatch: () => void;
  onNextMatch: () => void;
  /** nav: the down arrow in the search box opens the recent searches */
  onOpenHistory?: () => void;
}

/** Previous and next match: drawn again only when they become enabled or disabled, not with every count. */
const MatchButtons = memo(function MatchButtons({
  disabled,
  onPrevMatch,
  onNextMatch,
}: {
  disabled: boolean;
  onPrevMatch: () => void;
  onNextMatch: () => void;
}) {
  return (
    <>
      <IconButton
        name="angle-up"
        aria-label="Previous match"
        tooltip="Previous (older) match, from the newest line in view (Shift+Enter)"
        disabled={disabled}
        onClick={onPrevMatch}
        data-testid={PODLOGS_TEST_IDS.prevMatch}
      />
      <IconButton
        name="angle-down"
        aria-label="Next match"
        tooltip="Next (newer) match (Enter)"
        disabled={disabled}
        onClick={onNextMatch}
        data-testid={PODLOGS_TEST_IDS.nextMatch}
      />
    </>
  );
});

/**
 * Search box with regex and case toggles, match navigation, "only matching" and exclude patterns. Memoized:
 * while following, only the match count changes, and the parts around it (inputs with tooltips) stay drawn.
 */
export const SearchControls = memo(function SearchControls(props: Props) {
  const { state, onChange, error, searching, matchIndex, matchCount, onPrevMatch, onNextMatch } = props;
  const styles = useStyles2(getStyles);
  const active = state.text !== '';
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
          title={error ? `Invalid search: ${error}` : undefined}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && state.text !== '') {
              e.preventDefault();
              e.stopPropagation();
              onChange({ text: '' });
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (e.shiftKey) {
                onPrevMatch();
              } else {
                onNextMatch();
              }
            } else if (e.key === 'ArrowDown' && props.onOpenHistory) {
              e.preventDefault();
              props.onOpenHistory();
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
      {/* always laid out, so the toolbar does not move when a search starts or ends */}
      <span
        className={styles.counter}
        data-testid={PODLOGS_TEST_IDS.matchCounter}
        aria-live="polite"
        style={{ visibility: active ? 'visible' : 'hidden' }}
      >
        {!active
          ? ''
          : matchCount === 0
            ? searching
              ? 'Searching…'
              : 'No matches'
            : matchIndex < 0
              ? `${matchCount.toLocaleString('en-US')} matching ${matchCount === 1 ? 'line' : 'lines'}${searching ? '…' : ''}`
              : `${matchIndex + 1} / ${matchCount.toLocaleString('en-US')}`}
      </span>
      <MatchButtons disabled={!active || matchCount === 0} onPrevMatch={onPrevMatch} onNextMatch={onNextMatch} />
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
        <span className={styles.error} role="alert" data-testid={PODLOGS_TEST_IDS.searchError} title={error}>
          <Icon name="exclamation-triangle" /> Invalid search: {error}. The last valid search stays applied.
        </span>
      )}
    </Stack>
  );
});

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
    display: 'inline-block',
    minWidth: '14ch',
    textAlign: 'right',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    padding: theme.spacing(0, 0.5),
  }),
  error: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    maxWidth: theme.spacing(60),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
});
