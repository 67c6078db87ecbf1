import React, { useState } from 'react';
import type { DataSourceApi, DataSourceSettings, TestDataSourceResponse } from '@grafana/data';
import { Alert, Button, Stack } from '@grafana/ui';

import { createDataSource, editorSettings, type ServerDataSource } from './dataSource';
import type { AnyDataSourcePlugin } from './pluginTypes';
import { PLAYGROUND_TEST_IDS } from './testIds';

interface Props {
  plugin: AnyDataSourcePlugin;
  saved: ServerDataSource;
  /** after a save: the stored settings and a data source built from them */
  onSaved: (saved: ServerDataSource, ds: DataSourceApi) => void;
}

async function save(settings: DataSourceSettings): Promise<ServerDataSource> {
  const res = await fetch('/api/playground/datasource', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: settings.url, jsonData: settings.jsonData, secureJsonData: settings.secureJsonData }),
  });
  if (!res.ok) {
    throw new Error(`saving the settings failed: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as ServerDataSource;
}

/** The lines of a health report: the checks Save & test ran, one per line. */
function reportLines(result: TestDataSourceResponse): string[] {
  const details = result.details as { verboseMessage?: string } | undefined;
  const text = details?.verboseMessage ?? result.message.split('\n').slice(1).join('\n');
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** The data source's own ConfigEditor, and Save & test as Grafana's settings page runs it. */
export function HealthSection({ plugin, saved, onSaved }: Props) {
  const [settings, setSettings] = useState(() => editorSettings(saved, plugin));
  const [result, setResult] = useState<TestDataSourceResponse | undefined>();
  const [busy, setBusy] = useState(false);
  const ConfigEditor = plugin.components.ConfigEditor;

  const saveAndTest = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      const stored = await save(settings);
      setSettings(editorSettings(stored, plugin));
      const ds = createDataSource(stored, plugin);
      onSaved(stored, ds);
      setResult(await ds.testDatasource());
    } catch (err) {
      setResult({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack direction="column" gap={2}>
      {ConfigEditor ? (
        <ConfigEditor options={settings} onOptionsChange={setSettings} />
      ) : (
        <Alert title="The data source has no ConfigEditor" severity="error" />
      )}
      <div>
        <Button onClick={() => void saveAndTest()} disabled={busy} data-testid={PLAYGROUND_TEST_IDS.saveTest}>
          {busy ? 'Testing…' : 'Save & test'}
        </Button>
      </div>
      {result && (
        <div data-testid={PLAYGROUND_TEST_IDS.healthStatus} data-status={result.status}>
          <Alert title={result.message.split('\n')[0]} severity={result.status === 'success' ? 'success' : 'error'}>
            <ul>
              {reportLines(result).map((line, i) => (
                <li key={i} data-testid={PLAYGROUND_TEST_IDS.healthCheck}>
                  {line}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
    </Stack>
  );
}
