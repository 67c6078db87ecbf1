import React, { useEffect, useMemo, useState } from 'react';
import { createTheme, type DataSourceApi, type GrafanaTheme2, ThemeContext } from '@grafana/data';
import { config } from '@grafana/runtime';
import { Button, GlobalStyles, Stack } from '@grafana/ui';

import { BenchSection } from './BenchSection';
import { createDataSource, proxyBaseUrl, type ServerDataSource } from './dataSource';
import { HealthSection } from './HealthSection';
import { LiveSeriesSection } from './LiveSeriesSection';
import { LogsSection } from './LogsSection';
import { NodesSection } from './NodesSection';
import type { LoadedPlugins, LogsPod } from './pluginTypes';
import { QueryEditorsSection } from './QueryEditorsSection';
import { PLAYGROUND_TEST_IDS } from './testIds';
import type { HostInfo } from '../hostBundle';

interface Props {
  host: HostInfo & { reactVersion: string };
  plugins: LoadedPlugins;
  dataSource: ServerDataSource;
  logsPod: LogsPod;
  bench: boolean;
}

function Section({ title, children, theme }: { title: string; children: React.ReactNode; theme: GrafanaTheme2 }) {
  return (
    <section
      style={{
        background: theme.colors.background.primary,
        border: `1px solid ${theme.colors.border.weak}`,
        borderRadius: theme.shape.radius.default,
        padding: theme.spacing(2),
      }}
    >
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The page: the plugins from dist/ with Grafana's theme around them, dark or light. */
export function App({ plugins, dataSource, logsPod, bench, host }: Props) {
  const [mode, setMode] = useState<'dark' | 'light'>('dark');
  const theme = useMemo(() => createTheme({ colors: { mode } }), [mode]);
  const [saved, setSaved] = useState(dataSource);
  const [ds, setDs] = useState<DataSourceApi>(() => createDataSource(dataSource, plugins.dataSource));
  const width = Math.min(1400, Math.max(600, window.innerWidth - 96));

  useEffect(() => {
    // components that read the boot config rather than the context see the same theme
    config.theme2 = theme;
    config.bootData.user.lightTheme = theme.isLight;
  }, [theme]);

  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ padding: theme.spacing(2), minHeight: '100vh' }} data-testid={PLAYGROUND_TEST_IDS.ready}>
        <Stack direction="column" gap={2}>
          <Stack direction="row" justifyContent="space-between" alignItems="center">
            <Stack direction="column" gap={0}>
              <h2>Kubeglance playground: the built plugins from dist/, outside Grafana</h2>
              <span
                data-testid={PLAYGROUND_TEST_IDS.host}
                data-host={host.id}
                data-grafana-version={host.grafanaVersion}
                data-react-version={host.reactVersion}
              >
                Host: Grafana {host.grafanaVersion} packages, React {host.reactVersion}
              </span>
            </Stack>
            <Button
              variant="secondary"
              icon="palette"
              onClick={() => setMode(mode === 'dark' ? 'light' : 'dark')}
              data-testid={PLAYGROUND_TEST_IDS.themeToggle}
            >
              {mode === 'dark' ? 'Light theme' : 'Dark theme'}
            </Button>
          </Stack>
          {bench ? (
            <Section title="Bench: the pod-logs panel with synthetic lines" theme={theme}>
              <BenchSection panel={plugins.panel} width={width} />
            </Section>
          ) : (
            <>
              <Section title="Data source settings (ConfigEditor) and Save & test" theme={theme}>
                <HealthSection
                  plugin={plugins.dataSource}
                  saved={saved}
                  onSaved={(stored, next) => {
                    setSaved(stored);
                    setDs(next);
                  }}
                />
              </Section>
              <Section title="Pod logs panel, following a chatty pod" theme={theme}>
                <LogsSection
                  panel={plugins.panel}
                  datasource={ds}
                  proxyBase={proxyBaseUrl(saved.uid)}
                  pod={logsPod}
                  width={width}
                />
              </Section>
              <Section title="Nodes (the nodes query as a table)" theme={theme}>
                <NodesSection datasource={ds} />
              </Section>
              <Section title="Node CPU, live" theme={theme}>
                <LiveSeriesSection datasource={ds} />
              </Section>
              <Section title="Query editors, one per query type" theme={theme}>
                <QueryEditorsSection plugin={plugins.dataSource} datasource={ds} />
              </Section>
            </>
          )}
        </Stack>
      </div>
    </ThemeContext.Provider>
  );
}
