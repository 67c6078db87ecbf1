import React from 'react';
import { InlineField, InlineFieldRow, InlineSwitch, RadioButtonGroup } from '@grafana/ui';

import type { ResultFormat } from '../types';
import { EDITOR_TEST_IDS } from './editorTestIds';
import { LABEL_WIDTH } from './editorProps';
import { withField } from './queryModel';

/** Table or time series, for every metric query type. */
const FORMAT_OPTIONS: Array<{ value: ResultFormat; label: string; description: string }> = [
  { value: 'table', label: 'Table', description: 'The current values, one row per object' },
  { value: 'timeseries', label: 'Time series', description: 'The values sampled while the dashboard is open' },
];

interface MetricQuery {
  refId: string;
  format?: ResultFormat;
  live?: boolean;
}

interface Props<Q extends MetricQuery> {
  query: Q;
  onCommit: (query: Q) => void;
}

/** Format and live, shared by the types that can answer as time series (all but logs, which tail on their own). */
export function MetricOptions<Q extends MetricQuery>({ query, onCommit }: Props<Q>) {
  const liveId = `kubeglance-live-${query.refId}`;
  return (
    <InlineFieldRow>
      <InlineField
        label="Format"
        labelWidth={LABEL_WIDTH}
        tooltip="Table: the current values. Time series: samples taken while the panel is open, kept in the browser."
      >
        <RadioButtonGroup
          aria-label="Format"
          options={FORMAT_OPTIONS}
          value={query.format ?? 'table'}
          onChange={(format) => onCommit({ ...query, format })}
        />
      </InlineField>
      <InlineField label="Live" tooltip="Keep polling and stream new values while the panel is open" htmlFor={liveId}>
        <InlineSwitch
          id={liveId}
          data-testid={EDITOR_TEST_IDS.live}
          value={Boolean(query.live)}
          onChange={(e) => onCommit(withField(query, 'live', e.currentTarget.checked))}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
