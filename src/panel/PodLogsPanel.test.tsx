import React from 'react';
import { render, screen, within } from '@testing-library/react';
import {
  createDataFrame,
  DataFrameType,
  type DataFrame,
  type DataQueryError,
  EventBusSrv,
  FieldType,
  getDefaultTimeRange,
  LoadingState,
  type PanelData,
  type PanelProps,
} from '@grafana/data';

import { TEST_IDS } from '../components/testIds';
import { DEFAULT_POD_LOGS_OPTIONS, type PodLogsOptions } from './options';
import { logRowsFromFrames, PodLogsPanel } from './PodLogsPanel';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function logLinesFrame(lines: Array<[number, string]>): DataFrame {
  return createDataFrame({
    refId: 'A',
    meta: { type: DataFrameType.LogLines },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: lines.map(([t]) => t) },
      { name: 'body', type: FieldType.string, values: lines.map(([, b]) => b) },
    ],
  });
}

/** The shape Loki's data source returns: labels first, then Time and Line, and more string fields after. */
function lokiFrame(lines: Array<[number, string]>): DataFrame {
  return createDataFrame({
    refId: 'B',
    fields: [
      { name: 'labels', type: FieldType.other, values: lines.map(() => ({ pod: 'api-0' })) },
      { name: 'Time', type: FieldType.time, values: lines.map(([t]) => t) },
      { name: 'Line', type: FieldType.string, values: lines.map(([, b]) => b) },
      { name: 'tsNs', type: FieldType.string, values: lines.map(([t]) => `${t}000000`) },
      { name: 'id', type: FieldType.string, values: lines.map((_, i) => `id-${i}`) },
    ],
  });
}

function renderPanel(
  series: DataFrame[],
  opts: { options?: Partial<PodLogsOptions>; errors?: DataQueryError[]; timeZone?: string } = {}
) {
  const timeRange = getDefaultTimeRange();
  const data: PanelData = { series, state: LoadingState.Done, timeRange, errors: opts.errors };
  const props: PanelProps<PodLogsOptions> = {
    id: 1,
    data,
    timeRange,
    timeZone: opts.timeZone ?? 'utc',
    options: { ...DEFAULT_POD_LOGS_OPTIONS, ...opts.options },
    transparent: false,
    width: 640,
    height: 320,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Logs',
    eventBus: new EventBusSrv(),
    replaceVariables: (s: string) => s,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
  };
  return render(<PodLogsPanel {...props} />);
}

const rowTexts = () => screen.getAllByTestId(TEST_IDS.podLogsPanel.row).map((row) => row.textContent);

describe('PodLogsPanel', () => {
  it('renders the lines of a log-lines frame oldest first, with timestamps', () => {
    renderPanel([
      logLinesFrame([
        [T0 + 2000, 'third'],
        [T0, 'first'],
        [T0 + 1000, 'second'],
      ]),
    ]);
    expect(rowTexts()).toEqual([
      '2024-01-02 03:04:05.678first',
      '2024-01-02 03:04:06.678second',
      '2024-01-02 03:04:07.678third',
    ]);
  });

  it('renders a Loki-like frame from its Time and Line fields', () => {
    renderPanel([lokiFrame([[T0, 'GET /healthz 200']])]);
    const [row] = screen.getAllByTestId(TEST_IDS.podLogsPanel.row);
    expect(within(row).getByText('GET /healthz 200')).toBeInTheDocument();
    expect(row).not.toHaveTextContent('id-0');
  });

  it('merges the lines of several frames in time order', () => {
    renderPanel(
      [
        logLinesFrame([
          [T0, 'a1'],
          [T0 + 20, 'a2'],
        ]),
        lokiFrame([[T0 + 10, 'b1']]),
      ],
      { options: { showTimestamps: false } }
    );
    expect(rowTexts()).toEqual(['a1', 'b1', 'a2']);
  });

  it('formats timestamps in the dashboard time zone and can hide them', () => {
    const { unmount } = renderPanel([logLinesFrame([[T0, 'line']])], { timeZone: 'Asia/Tokyo' });
    expect(rowTexts()).toEqual(['2024-01-02 12:04:05.678line']);
    unmount();

    renderPanel([logLinesFrame([[T0, 'line']])], { options: { showTimestamps: false } });
    expect(rowTexts()).toEqual(['line']);
  });

  it('shows markup in log lines as literal text', () => {
    const hostile = ['<img src=x onerror=alert(1)>', '<script>alert("x")</script>', '<b>bold</b>'];
    renderPanel([logLinesFrame(hostile.map((line, i) => [T0 + i, line]))], { options: { showTimestamps: false } });

    expect(rowTexts()).toEqual(hostile);
    const root = screen.getByTestId(TEST_IDS.podLogsPanel.root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
  });

  it('says what to do when there are no lines', () => {
    renderPanel([lokiFrame([])]);
    expect(screen.getByTestId(TEST_IDS.podLogsPanel.empty)).toHaveTextContent(
      'No log lines. Choose a pod in the query, or widen the time range.'
    );
    expect(screen.queryByTestId(TEST_IDS.podLogsPanel.row)).not.toBeInTheDocument();
    expect(screen.queryByTestId(TEST_IDS.podLogsPanel.error)).not.toBeInTheDocument();
  });

  it('ignores frames that are not logs', () => {
    const metrics = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [T0] },
        { name: 'cpu', type: FieldType.number, values: [0.5] },
      ],
    });
    renderPanel([metrics]);
    expect(screen.getByTestId(TEST_IDS.podLogsPanel.empty)).toBeInTheDocument();
  });

  it('shows the query errors in the empty state', () => {
    renderPanel([], {
      errors: [
        { refId: 'A', message: 'pods "api-0" is forbidden' },
        { refId: 'B', data: { message: 'container "x" is not valid for pod "api-0"' } },
      ],
    });
    expect(screen.getAllByTestId(TEST_IDS.podLogsPanel.error).map((e) => e.textContent)).toEqual([
      'pods "api-0" is forbidden',
      'container "x" is not valid for pod "api-0"',
    ]);
  });

  it('sizes the scrolling box to the panel', () => {
    renderPanel([logLinesFrame([[T0, 'line']])]);
    const root = screen.getByTestId(TEST_IDS.podLogsPanel.root);
    expect(root).toHaveStyle({ width: '640px', height: '320px' });
  });
});

describe('logRowsFromFrames', () => {
  it('prefers the named timestamp and body fields of a log-lines frame', () => {
    const frame = createDataFrame({
      meta: { type: DataFrameType.LogLines },
      fields: [
        { name: 'severity', type: FieldType.string, values: ['error'] },
        { name: 'observed', type: FieldType.time, values: [1] },
        { name: 'timestamp', type: FieldType.time, values: [T0] },
        { name: 'body', type: FieldType.string, values: ['the line'] },
      ],
    });
    expect(logRowsFromFrames([frame])).toEqual([{ time: T0, body: 'the line', key: '0:0' }]);
  });

  it('keeps the source order of lines with the same time', () => {
    const rows = logRowsFromFrames([
      logLinesFrame([
        [T0, 'one'],
        [T0, 'two'],
        [T0, 'three'],
      ]),
    ]);
    expect(rows.map((r) => r.body)).toEqual(['one', 'two', 'three']);
  });
});
