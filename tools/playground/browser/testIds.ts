/** data-testid values of the playground page, shared with tools/browser-checks. */
export const PLAYGROUND_TEST_IDS = {
  ready: 'data-testid playground ready',
  host: 'data-testid playground host',
  loadError: 'data-testid playground load-error',
  themeToggle: 'data-testid playground theme-toggle',
  saveTest: 'data-testid playground save-test',
  healthStatus: 'data-testid playground health-status',
  healthCheck: 'data-testid playground health-check',
  queryEditor: 'data-testid playground query-editor',
  queryResult: 'data-testid playground query-result',
  nodesTable: 'data-testid playground nodes-table',
  liveSeries: 'data-testid playground live-series',
  logsPanel: 'data-testid playground logs-panel',
  benchPanel: 'data-testid playground bench-panel',
} as const;
