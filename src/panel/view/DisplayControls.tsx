import React, { memo } from 'react';
import { Dropdown, Menu, RadioButtonGroup, Stack, ToolbarButton } from '@grafana/ui';

import type { DedupMode } from '../model/dedupKeys';
import type { LogFileFormat } from '../model/logFile';
import { DEDUP_OPTIONS, SORT_OPTIONS, type SortOrder } from '../options';
import type { TimestampMode } from './timeFormat';
import { PODLOGS_TEST_IDS } from '../testIds';

const TIMESTAMP_OPTIONS: Array<{ value: TimestampMode; label: string; description: string }> = [
  { value: 'off', label: 'No time', description: 'Hide timestamps' },
  { value: 'absolute', label: 'Time', description: "Time in the dashboard's time zone" },
  { value: 'relative', label: 'Ago', description: 'How long ago each line was written' },
];

interface Props {
  timestamps: TimestampMode;
  onTimestamps: (mode: TimestampMode) => void;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
  prettify: boolean;
  onPrettify: (prettify: boolean) => void;
  dedup: DedupMode;
  onDedup: (mode: DedupMode) => void;
  sortOrder: SortOrder;
  onSortOrder: (order: SortOrder) => void;
  /** lines that pass the filters, and all held: read when the download menu opens */
  lineCounts: () => { visible: number; total: number };
  onDownload: (which: 'visible' | 'all', format: LogFileFormat) => void;
}

/**
 * How lines look (timestamps, wrap, prettify), which and in what order (dedup, sort), and download. Memoized,
 * with the counts read only when the menu opens: nothing here changes as lines arrive.
 */
export const DisplayControls = memo(function DisplayControls(props: Props) {
  const { timestamps, wrap, prettify, lineCounts, onDownload } = props;
  const menu = () => {
    const counts = lineCounts();
    const visible = counts.visible.toLocaleString('en-US');
    return (
      <Menu>
        <Menu.Item
          label={`Visible lines (${visible}) as text`}
          icon="filter"
          onClick={() => onDownload('visible', 'log')}
        />
        <Menu.Item
          label={`Visible lines (${visible}) as JSON`}
          icon="brackets-curly"
          onClick={() => onDownload('visible', 'json')}
        />
        <Menu.Item
          label={`Visible lines (${visible}) as CSV`}
          icon="table"
          onClick={() => onDownload('visible', 'csv')}
        />
        <Menu.Item
          label={`All lines (${counts.total.toLocaleString('en-US')}) as text`}
          icon="file-download"
          onClick={() => onDownload('all', 'log')}
        />
      </Menu>
    );
  };
  return (
    <Stack direction="row" gap={0.5} alignItems="center">
      <div data-testid={PODLOGS_TEST_IDS.timestamps}>
        <RadioButtonGroup
          size="sm"
          aria-label="Timestamps"
          options={TIMESTAMP_OPTIONS}
          value={timestamps}
          onChange={props.onTimestamps}
        />
      </div>
      <div data-testid={PODLOGS_TEST_IDS.dedup}>
        <RadioButtonGroup
          size="sm"
          aria-label="Deduplication"
          options={DEDUP_OPTIONS}
          value={props.dedup}
          onChange={props.onDedup}
        />
      </div>
      <div data-testid={PODLOGS_TEST_IDS.sortOrder}>
        <RadioButtonGroup
          size="sm"
          aria-label="Order"
          options={SORT_OPTIONS}
          value={props.sortOrder}
          onChange={props.onSortOrder}
        />
      </div>
      <ToolbarButton
        icon="wrap-text"
        tooltip="Wrap lines"
        variant={wrap ? 'active' : 'default'}
        aria-pressed={wrap}
        onClick={() => props.onWrap(!wrap)}
        data-testid={PODLOGS_TEST_IDS.wrap}
      />
      <ToolbarButton
        icon="brackets-curly"
        tooltip="Prettify JSON and logfmt lines"
        variant={prettify ? 'active' : 'default'}
        aria-pressed={prettify}
        onClick={() => props.onPrettify(!prettify)}
        data-testid={PODLOGS_TEST_IDS.prettify}
      />
      <Dropdown overlay={menu} placement="bottom-end">
        <ToolbarButton
          icon="download-alt"
          tooltip="Download the lines as text, JSON or CSV"
          data-testid={PODLOGS_TEST_IDS.download}
        />
      </Dropdown>
    </Stack>
  );
});
