import React from 'react';
import { InlineField, InlineFieldRow, InlineSwitch, Stack } from '@grafana/ui';

import type { OutlierSignal, OutliersQuery } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { FlagField } from '../../editors/FlagField';
import { NameField } from '../../editors/NameField';
import { withField } from '../../editors/queryModel';
import { LabelSelectorField } from '../../editors/SelectorFields';

/** What the editor offers; the log error rate is in the model but not compared (see docs/outliers-query.md). */
const OFFERED: ReadonlyArray<{ value: OutlierSignal; label: string }> = [
  { value: 'cpu', label: 'CPU' },
  { value: 'memory', label: 'Memory' },
  { value: 'restarts', label: 'Restarts' },
];
const DEFAULT: readonly OutlierSignal[] = ['cpu', 'memory', 'restarts'];

export const OUTLIERS_TEST_IDS = {
  signal: (s: OutlierSignal) => `data-testid kubeglance query signal ${s}`,
  showAll: 'data-testid kubeglance query show-all',
};

/** The signals after one is switched; the default set is left out of the saved query. */
export function toggledSignals(current: readonly OutlierSignal[] | undefined, signal: OutlierSignal, on: boolean) {
  const base = current?.length ? current : DEFAULT;
  const next = OFFERED.map((o) => o.value).filter((s) => (s === signal ? on : base.includes(s)));
  return next.length === DEFAULT.length && DEFAULT.every((s) => next.includes(s)) ? undefined : next;
}

/** Which pods (namespace, selector), which signals are compared, and whether every pod is listed. */
export function OutliersQueryEditor({ query, onCommit, options }: SubEditorProps<OutliersQuery>) {
  const active = query.signals?.length ? query.signals : DEFAULT;
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField
          query={query}
          onCommit={onCommit}
          options={options}
          field="namespace"
          tooltip="One or more namespaces; empty for all"
        />
        <LabelSelectorField
          value={query.labelSelector}
          onCommit={(labelSelector) => onCommit(withField(query, 'labelSelector', labelSelector))}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Compare"
          labelWidth={LABEL_WIDTH}
          tooltip="Signals on which a pod is compared with its workload's other pods"
        >
          <Stack gap={1} alignItems="center">
            {OFFERED.map(({ value, label }) => {
              const on = active.includes(value);
              return (
                <InlineSwitch
                  key={value}
                  label={label}
                  showLabel
                  data-testid={OUTLIERS_TEST_IDS.signal(value)}
                  value={on}
                  // the last signal on stays on: comparing nothing answers nothing
                  disabled={on && active.length === 1}
                  onChange={(e) =>
                    onCommit(withField(query, 'signals', toggledSignals(query.signals, value, e.currentTarget.checked)))
                  }
                />
              );
            })}
          </Stack>
        </InlineField>
        <FlagField
          query={query}
          onCommit={onCommit}
          field="showAll"
          label="Every pod"
          tooltip="List every pod of the compared workloads with its score, not only the outliers"
          testId={OUTLIERS_TEST_IDS.showAll}
        />
      </InlineFieldRow>
    </Stack>
  );
}
