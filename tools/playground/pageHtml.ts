import type { HostVersions } from './hosts';

/** What @grafana/runtime's `config` reads when it is first imported; it must exist before the host bundle runs. */
export function bootData(theme: 'dark' | 'light', grafanaVersion: string) {
  return {
    assets: { dark: '', light: '' },
    navTree: [],
    settings: {
      appSubUrl: '',
      buildInfo: { version: grafanaVersion, commit: 'playground', env: 'development' },
      featureToggles: {},
      datasources: {},
      panels: {},
      apps: {},
    },
    user: { theme, regionalFormat: 'en-US', language: 'en-US', timezone: 'utc', lightTheme: theme === 'light' },
  };
}

/** The playground's only HTML: boot data, then the host bundle, which loads the plugins from dist/. */
export function pageHtml(host: HostVersions): string {
  const boot = JSON.stringify(bootData('dark', host.grafana)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kubeglance playground (${host.label})</title>
<link rel="stylesheet" href="/playground/main.css">
<style>
.playground-table { border-collapse: collapse; font-size: 12px; }
.playground-table th, .playground-table td { padding: 2px 10px; text-align: left; border-bottom: 1px solid rgba(128, 128, 128, 0.3); }
</style>
<script>window.grafanaBootData = ${boot}; window.__grafana_public_path__ = '/public/';</script>
</head>
<body>
<div id="playground-root">Loading the host bundle…</div>
<script src="/playground/main.js"></script>
</body>
</html>
`;
}
