import { TEST_IDS } from '../components/testIds';

/**
 * The panel's data-testid values: the shared ones from components/testIds plus the reader's controls. Kept
 * here until they move into the shared file (which the Playwright specs also read).
 */
export const PODLOGS_TEST_IDS = {
  ...TEST_IDS.podLogsPanel,
  list: 'data-testid kubeglance podlogs list',
  search: 'data-testid kubeglance podlogs search',
  searchError: 'data-testid kubeglance podlogs search-error',
  regexToggle: 'data-testid kubeglance podlogs regex',
  caseToggle: 'data-testid kubeglance podlogs case',
  matchCounter: 'data-testid kubeglance podlogs match-counter',
  prevMatch: 'data-testid kubeglance podlogs prev-match',
  nextMatch: 'data-testid kubeglance podlogs next-match',
  onlyMatching: 'data-testid kubeglance podlogs only-matching',
  exclude: 'data-testid kubeglance podlogs exclude',
  timestamps: 'data-testid kubeglance podlogs timestamps',
  wrap: 'data-testid kubeglance podlogs wrap',
  prettify: 'data-testid kubeglance podlogs prettify',
  download: 'data-testid kubeglance podlogs download',
  levelChip: 'data-testid kubeglance podlogs level-chip',
  sourceChip: 'data-testid kubeglance podlogs source-chip',
  follow: 'data-testid kubeglance podlogs follow',
  newLines: 'data-testid kubeglance podlogs new-lines',
  dropped: 'data-testid kubeglance podlogs dropped',
  status: 'data-testid kubeglance podlogs status',
  noMatch: 'data-testid kubeglance podlogs no-match',
  time: 'data-testid kubeglance podlogs time',
  source: 'data-testid kubeglance podlogs source',
  body: 'data-testid kubeglance podlogs body',
  expandLine: 'data-testid kubeglance podlogs expand-line',
  structuredToggle: 'data-testid kubeglance podlogs structured-toggle',
  structured: 'data-testid kubeglance podlogs structured',
  copyLine: 'data-testid kubeglance podlogs copy-line',
  groupToggle: 'data-testid kubeglance podlogs group-toggle',
  notice: 'data-testid kubeglance podlogs notice',
  moreSources: 'data-testid kubeglance podlogs more-sources',
  filtering: 'data-testid kubeglance podlogs filtering',
  dedup: 'data-testid kubeglance podlogs dedup',
  sortOrder: 'data-testid kubeglance podlogs sort-order',
  duplicates: 'data-testid kubeglance podlogs duplicates',
  // older lines (view/OlderLines.tsx)
  olderLines: 'data-testid kubeglance podlogs older-lines',
  olderLinesNote: 'data-testid kubeglance podlogs older-lines-note',
} as const;
