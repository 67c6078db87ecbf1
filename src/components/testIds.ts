/**
 * Stable `data-testid` values shared by the jest tests and the Playwright specs, so neither has to
 * depend on labels or markup that may change.
 */
export const TEST_IDS = {
  configEditor: {
    url: 'data-testid kubeglance config url',
    urlWarning: 'data-testid kubeglance config url-warning',
    token: 'data-testid kubeglance config token',
    clientCert: 'data-testid kubeglance config client-cert',
    clientKey: 'data-testid kubeglance config client-key',
    oauthHint: 'data-testid kubeglance config oauth-hint',
    caCertSwitch: 'data-testid kubeglance config ca-cert-switch',
    caCert: 'data-testid kubeglance config ca-cert',
    serverName: 'data-testid kubeglance config server-name',
    skipVerify: 'data-testid kubeglance config skip-verify',
    skipVerifyWarning: 'data-testid kubeglance config skip-verify-warning',
    kubeletAccess: 'data-testid kubeglance config kubelet-access',
    pollInterval: 'data-testid kubeglance config poll-interval',
    fanOutConcurrency: 'data-testid kubeglance config fan-out-concurrency',
    historyMinutes: 'data-testid kubeglance config history-minutes',
  },
  queryEditor: {
    queryType: 'data-testid kubeglance query type',
    nodeName: 'data-testid kubeglance query node-name',
    labelSelector: 'data-testid kubeglance query label-selector',
  },
  appConfig: {
    root: 'data-testid kubeglance app-config',
  },
  podLogsPanel: {
    root: 'data-testid kubeglance podlogs',
    row: 'data-testid kubeglance podlogs row',
    empty: 'data-testid kubeglance podlogs empty',
    error: 'data-testid kubeglance podlogs error',
  },
} as const;
