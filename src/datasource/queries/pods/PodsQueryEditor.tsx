import React from 'react';
import { Combobox, type ComboboxOption, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import type { PodsGroupBy, PodsQuery, PodsSortBy } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { NameField } from '../../editors/NameField';
import { FlagField } from '../../editors/FlagField';
import { MetricOptions } from '../../editors/MetricOptions';
import { NumberField } from '../../editors/NumberField';
import { withField } from '../../editors/queryModel';
import { SelectorRow } from '../../editors/SelectorFields';

const GROUP_BY_OPTIONS: Array<ComboboxOption<PodsGroupBy>> = [
  { value: 'pod', label: 'Pod' },
  { value: 'container', label: 'Container' },
  { value: 'workload', label: 'Workload', description: 'The owning Deployment, StatefulSet, DaemonSet or Job' },
  { value: 'namespace', label: 'Namespace' },
  { value: 'node', label: 'Node' },
];

const SORT_BY_OPTIONS: Array<ComboboxOption<PodsSortBy>> = [
  { value: 'cpu', label: 'CPU' },
  { value: 'memory', label: 'Memory' },
  { value: 'cpuOfRequest', label: 'CPU % of request' },
  { value: 'memoryOfLimit', label: 'Memory % of limit' },
  { value: 'restarts', label: 'Restarts' },
  { value: 'name', label: 'Name' },
];

/** `kubectl top pods` joined with the Pod objects: which pods, how rows are grouped and ranked. */
export function PodsQueryEditor({ query, onCommit, options }: SubEditorProps<PodsQuery>) {
  const picker = { query, onCommit, options };
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="namespace" tooltip="One or more namespaces; empty for all" />
        <NameField {...picker} field="nodeName" tooltip="Only pods scheduled on this node" placeholder="any node" />
      </InlineFieldRow>
      <SelectorRow query={query} onCommit={onCommit} fieldTooltip="Pod field selector, e.g. status.phase=Running" />
      <InlineFieldRow>
        <InlineField label="Group by" labelWidth={LABEL_WIDTH} tooltip="One row (or series) per pod, container, ...">
          <Combobox
            data-testid={EDITOR_TEST_IDS.groupBy}
            width={20}
            options={GROUP_BY_OPTIONS}
            value={query.groupBy ?? 'pod'}
            onChange={(option) => onCommit({ ...query, groupBy: option.value })}
          />
        </InlineField>
        <InlineField
          label="Sort by"
          labelWidth={LABEL_WIDTH}
          tooltip="Usage sorts highest first, name A to Z; a top N without a sort ranks by CPU"
        >
          <Combobox
            data-testid={EDITOR_TEST_IDS.sortBy}
            width={24}
            isClearable
            placeholder="no sorting"
            options={SORT_BY_OPTIONS}
            value={query.sortBy ?? null}
            onChange={(option) => onCommit(withField(query, 'sortBy', option?.value))}
          />
        </InlineField>
        <NumberField
          label="Top"
          tooltip="Keep only the first N rows after sorting"
          data-testid={EDITOR_TEST_IDS.topN}
          placeholder="all"
          labelWidth={8}
          value={query.topN}
          onCommit={(topN) => onCommit(withField(query, 'topN', topN))}
        />
        <FlagField
          query={query}
          onCommit={onCommit}
          field="pressure"
          label="Pressure"
          tooltip="CPU and memory pressure (PSI) of each pod, from its node's kubelet (grouped by pod; needs kubelet access)"
          testId={EDITOR_TEST_IDS.pressure}
        />
      </InlineFieldRow>
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
