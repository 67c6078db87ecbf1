/** Rendering the panel with full PanelProps, for the panel's tests. */
import React from 'react';
import { render } from '@testing-library/react';
import {
  type DataFrame,
  type DataQueryError,
  EventBusSrv,
  getDefaultTimeRange,
  LoadingState,
  type PanelData,
  type PanelProps,
} from '@grafana/data';

import { DEFAULT_POD_LOGS_OPTIONS, type PodLogsOptions } from './options';
import { PodLogsPanel } from './PodLogsPanel';

export interface PanelInput {
  options?: Partial<PodLogsOptions>;
  errors?: DataQueryError[];
  state?: LoadingState;
  timeZone?: string;
  requestId?: string;
  height?: number;
}

export function panelProps(series: DataFrame[], input: PanelInput = {}): PanelProps<PodLogsOptions> {
  const timeRange = getDefaultTimeRange();
  const data: PanelData = {
    series,
    state: input.state ?? LoadingState.Done,
    timeRange,
    errors: input.errors,
    request: input.requestId
      ? ({ requestId: input.requestId } as PanelData['request'])
      : undefined,
  };
  return {
    id: 1,
    data,
    timeRange,
    timeZone: input.timeZone ?? 'utc',
    options: { ...DEFAULT_POD_LOGS_OPTIONS, ...input.options },
    transparent: false,
    width: 900,
    height: input.height ?? 420,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Checkout logs',
    eventBus: new EventBusSrv(),
    replaceVariables: (s: string) => s,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
  };
}

export function renderPanel(series: DataFrame[], input: PanelInput = {}) {
  const props = panelProps(series, input);
  const result = render(<PodLogsPanel {...props} />);
  return {
    ...result,
    props,
    /** re-renders with new frames, as Grafana does when data arrives */
    update: (next: DataFrame[], more: PanelInput = {}) =>
      result.rerender(<PodLogsPanel {...panelProps(next, { ...input, ...more })} />),
  };
}
