import React, { useEffect, useState } from 'react';
import { type DataFrame, type DataQuery, type DataSourceApi } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { firstValueFrom, timeout } from 'rxjs';

import { queryRequest, runQuery } from './dataSource';
import { summarizeResponse } from './frameSummary';
import { appendTableReading, framesToSeries, isCpuUsage, linePoints, type LineSeries } from './series';
import { PLAYGROUND_TEST_IDS } from './testIds';

const WIDTH = 800;
const HEIGHT = 180;
const FALLBACK_POLL_MS = 3000;

/**
 * Node CPU over time. The data source's live time-series query (format timeseries, live) when it answers;
 * otherwise the nodes table polled every few seconds, one point per poll.
 */
export function LiveSeriesSection({ datasource }: { datasource: DataSourceApi }) {
  const theme = useTheme2();
  const [series, setSeries] = useState<LineSeries[]>([]);
  const [source, setSource] = useState<'datasource' | 'polling'>('datasource');
  const [note, setNote] = useState('Waiting for the first samples…');

  useEffect(() => {
    if (source !== 'datasource') {
      return;
    }
    const live = { refId: 'cpu', queryType: 'nodes', format: 'timeseries', live: true } as DataQuery;
    const sub = runQuery(datasource, queryRequest([live], { minutes: 15 })).subscribe({
      next: (res) => {
        if (res.errors?.length || res.error) {
          setNote(`${summarizeResponse(res)} Polling the nodes table instead.`);
          setSource('polling');
          return;
        }
        const lines = framesToSeries(res.data as DataFrame[], isCpuUsage);
        setSeries(lines);
        setNote(`${lines.length} series from the data source's live query (${String(res.state ?? 'Done')}).`);
      },
      error: (err: unknown) => {
        setNote(`${err instanceof Error ? err.message : String(err)}. Polling the nodes table instead.`);
        setSource('polling');
      },
    });
    return () => sub.unsubscribe();
  }, [datasource, source]);

  useEffect(() => {
    if (source !== 'polling') {
      return;
    }
    let active = true;
    const poll = () =>
      firstValueFrom(
        runQuery(datasource, queryRequest([{ refId: 'nodes', queryType: 'nodes' } as DataQuery])).pipe(timeout(30_000))
      ).then((res) => {
        const table = (res.data as DataFrame[]).find((f) => f.length > 0);
        if (active && table) {
          setSeries((prev) => appendTableReading(prev, table, Date.now(), 200));
        }
      });
    void poll();
    const timer = window.setInterval(() => void poll(), FALLBACK_POLL_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [datasource, source]);

  const points = linePoints(series, WIDTH, HEIGHT);
  const colors = theme.visualization.palette.map((c) => theme.visualization.getColorByName(c));
  const count = series.reduce((n, s) => n + s.times.length, 0);
  return (
    <div data-testid={PLAYGROUND_TEST_IDS.liveSeries} data-points={count} data-source={source}>
      <svg width={WIDTH} height={HEIGHT} style={{ border: `1px solid ${theme.colors.border.weak}` }}>
        {series.map((s, i) => (
          <polyline key={s.name} points={points[i]} fill="none" stroke={colors[i % colors.length]} strokeWidth={1.5} />
        ))}
      </svg>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12 }}>
        {series.map((s, i) => (
          <span key={s.name} style={{ color: colors[i % colors.length] }}>
            ■ {s.name}: {s.values.length ? s.values[s.values.length - 1].toPrecision(3) : '–'}
          </span>
        ))}
      </div>
      <small style={{ color: theme.colors.text.secondary }}>{note}</small>
    </div>
  );
}
