import React, { useEffect, useState } from 'react';
import { type DataFrame, type DataQuery, type DataSourceApi, FieldType } from '@grafana/data';
import { Alert } from '@grafana/ui';
import { firstValueFrom, timeout } from 'rxjs';

import { queryRequest, runQuery } from './dataSource';
import { cellText, summarizeResponse } from './frameSummary';
import { PLAYGROUND_TEST_IDS } from './testIds';

const REFRESH_MS = 10_000;

/** The nodes query's table frame as a plain HTML table, refreshed every few seconds. */
export function NodesSection({ datasource }: { datasource: DataSourceApi }) {
  const [frame, setFrame] = useState<DataFrame | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let active = true;
    const load = () =>
      firstValueFrom(
        runQuery(datasource, queryRequest([{ refId: 'nodes', queryType: 'nodes' } as DataQuery])).pipe(timeout(30_000))
      )
        .then((res) => {
          if (!active) {
            return;
          }
          const table = (res.data as DataFrame[]).find((f) => f.length > 0);
          setFrame(table);
          setProblem(table ? undefined : summarizeResponse(res));
        })
        .catch((err: unknown) => active && setProblem(err instanceof Error ? err.message : String(err)));
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [datasource]);

  if (problem) {
    return (
      <Alert title="Nodes query" severity="warning">
        {problem}
      </Alert>
    );
  }
  if (!frame) {
    return <div>Loading nodes…</div>;
  }
  const fields = frame.fields;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={PLAYGROUND_TEST_IDS.nodesTable} className="playground-table">
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f.name}>{f.config.displayName ?? f.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: frame.length }, (_, row) => (
            <tr key={row}>
              {fields.map((f) => (
                <td key={f.name}>{cellText(f.values[row], f.type === FieldType.time)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
