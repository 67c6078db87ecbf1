import React from 'react';
import { InlineField, InlineFieldRow, InlineSwitch, RadioButtonGroup, Stack } from '@grafana/ui';

import type { FillTargetKind, ResultFormat, TimeToFullQuery } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { NameField } from '../../editors/NameField';
import { NumberField } from '../../editors/NumberField';
import { withField } from '../../editors/queryModel';

const testId = (name: string) => `data-testid kubeglance query time-to-full ${name}`;

export const TIME_TO_FULL_TEST_IDS = {
  window: testId('window'),
  kind: (kind: FillTargetKind) => testId(`kind ${kind}`),
} as const;

const KIND_OPTIONS: Array<{ value: FillTargetKind; label: string; tooltip: string }> = [
  { value: 'nodeFs', label: 'Node fs', tooltip: "Each node's root filesystem (logs, writable layers, emptyDir)" },
  { value: 'imageFs', label: 'Image fs', tooltip: "Each node's image filesystem (the same disk on most nodes)" },
  { value: 'pvc', label: 'PVCs', tooltip: 'PersistentVolumeClaims mounted by running pods' },
  { value: 'ephemeral', label: 'Ephemeral', tooltip: "Pods' local disk use, against what is free on their node" },
  { value: 'memory', label: 'Memory', tooltip: "Each node's memory working set against its capacity" },
];
const ALL_KINDS = KIND_OPTIONS.map((k) => k.value);

// the query always streams after each poll of its history: no Live switch, unlike the metric types
const FORMAT_OPTIONS: Array<{ value: ResultFormat; label: string }> = [
  { value: 'table', label: 'Table' },
  { value: 'timeseries', label: 'Time series' },
];

/** "30m", "2h", "1d", "90s" or plain seconds; undefined for empty, null when unreadable or under a minute */
export function parseWindow(text: string): number | undefined | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(text);
  if (text.trim() === '') {
    return undefined;
  }
  if (!m) {
    return null;
  }
  const scale = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2].toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Math.round(Number(m[1]) * scale);
  return seconds >= 60 ? seconds : null;
}

/** 1800 → "30m", 7200 → "2h", 90 → "90s" */
export function formatWindow(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}

/** Which node and namespace, which kinds of storage and memory, and how much history the fit uses. */
export function TimeToFullQueryEditor({ query, onCommit, options }: SubEditorProps<TimeToFullQuery>) {
  const picker = { query, onCommit, options };
  const kinds = query.kinds?.length ? query.kinds : ALL_KINDS;
  const toggle = (kind: FillTargetKind, on: boolean) => {
    const next = ALL_KINDS.filter((k) => (k === kind ? on : kinds.includes(k)));
    // every kind (or none, which would answer nothing) is the default: leave the field out of the saved query
    onCommit(withField(query, 'kinds', next.length === ALL_KINDS.length || !next.length ? undefined : next));
  };
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="nodeName" tooltip="One or more nodes; empty for every node" />
        <NameField
          {...picker}
          field="namespace"
          tooltip="Only PVCs and pods in these namespaces; node filesystems and memory are shown whatever it is"
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Kinds" labelWidth={LABEL_WIDTH} tooltip="What to project; all when every one is on">
          <Stack direction="row" alignItems="center" wrap="wrap" gap={1}>
            {KIND_OPTIONS.map((k) => (
              <InlineSwitch
                key={k.value}
                label={k.label}
                showLabel
                title={k.tooltip}
                data-testid={TIME_TO_FULL_TEST_IDS.kind(k.value)}
                value={kinds.includes(k.value)}
                onChange={(e) => toggle(k.value, e.currentTarget.checked)}
              />
            ))}
          </Stack>
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField
          label="Window"
          tooltip="How much recent history the fill rate is fitted over, e.g. 30m or 6h; empty for all the history the data source keeps"
          placeholder="all history"
          value={query.windowSeconds}
          parse={parseWindow}
          format={formatWindow}
          hint="a duration of a minute or more, like 30m, 2h or 1d"
          data-testid={TIME_TO_FULL_TEST_IDS.window}
          onCommit={(seconds) => onCommit(withField(query, 'windowSeconds', seconds))}
        />
        <InlineField
          label="Format"
          tooltip="Table: one row per target, soonest to fill first. Time series: used bytes, and where each filling one is heading."
        >
          <RadioButtonGroup
            aria-label="Format"
            options={FORMAT_OPTIONS}
            value={query.format ?? 'table'}
            onChange={(format) => onCommit(withField(query, 'format', format === 'table' ? undefined : format))}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}
