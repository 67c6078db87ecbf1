import React, { useRef, useState } from 'react';
import { type DataQuery, type DataSourceApi, type DataQueryResponse } from '@grafana/data';
import { Card, Stack } from '@grafana/ui';
import { firstValueFrom, timeout } from 'rxjs';

import { QUERY_TYPES } from '../../../src/datasource/types';
import { queryRequest, runQuery } from './dataSource';
import { summarizeResponse } from './frameSummary';
import type { AnyDataSourcePlugin } from './pluginTypes';
import { PLAYGROUND_TEST_IDS } from './testIds';

interface EditorProps {
  plugin: AnyDataSourcePlugin;
  datasource: DataSourceApi;
  queryType: string;
  label: string;
  description: string;
}

/** One query type's editor; running it shows what the first answer held. */
function OneEditor({ plugin, datasource, queryType, label, description }: EditorProps) {
  const [query, setQuery] = useState<DataQuery>(() => ({ refId: 'A', queryType }) as DataQuery);
  const [summary, setSummary] = useState('Not run yet: change a field or press Enter in one.');
  // the editor calls onChange then onRunQuery at once, before the new state renders
  const latest = useRef(query);
  const QueryEditor = plugin.components.QueryEditor;

  const run = (q: DataQuery) => {
    setSummary('Running…');
    firstValueFrom(runQuery(datasource, queryRequest([q], { minutes: 15 })).pipe(timeout(30_000)))
      .then((res: DataQueryResponse) => setSummary(summarizeResponse(res)))
      .catch((err: unknown) => setSummary(`Error: ${err instanceof Error ? err.message : String(err)}`));
  };

  return (
    <Card data-testid={PLAYGROUND_TEST_IDS.queryEditor} data-query-type={queryType}>
      <Card.Heading>{label}</Card.Heading>
      <Card.Description>
        <Stack direction="column" gap={1}>
          <span>{description}</span>
          {QueryEditor && (
            <QueryEditor
              datasource={datasource}
              query={query}
              onChange={(q) => {
                latest.current = q;
                setQuery(q);
              }}
              onRunQuery={() => run(latest.current)}
            />
          )}
          <code data-testid={PLAYGROUND_TEST_IDS.queryResult}>{summary}</code>
        </Stack>
      </Card.Description>
    </Card>
  );
}

/** The data source's QueryEditor once per query type. */
export function QueryEditorsSection({
  plugin,
  datasource,
}: {
  plugin: AnyDataSourcePlugin;
  datasource: DataSourceApi;
}) {
  return (
    <Stack direction="column" gap={1}>
      {QUERY_TYPES.map((t) => (
        <OneEditor
          key={`${datasource.uid}-${t.value}`}
          plugin={plugin}
          datasource={datasource}
          queryType={t.value}
          label={t.label}
          description={t.description}
        />
      ))}
    </Stack>
  );
}
