import React from 'react';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { SummaryQuery, SummaryScope } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { NameField } from '../../editors/NameField';
import { MetricOptions } from '../../editors/MetricOptions';
import { withField } from '../../editors/queryModel';

const SCOPE_OPTIONS: Array<{ value: SummaryScope; label: string }> = [
  { value: 'node', label: 'Node' },
  { value: 'pod', label: 'Pod' },
  { value: 'container', label: 'Container' },
  { value: 'volume', label: 'Volume' },
];

/** The kubelet Summary API: which nodes, and whether rows are nodes, pods, containers or volumes. */
export function SummaryQueryEditor({ query, onCommit, options }: SubEditorProps<SummaryQuery>) {
  const picker = { query, onCommit, options };
  const scope = query.scope ?? 'node';
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="nodeName" tooltip="One or more nodes; empty for every node" />
        <InlineField label="Scope" labelWidth={LABEL_WIDTH} tooltip="What one row or series stands for">
          <RadioButtonGroup
            aria-label="Scope"
            options={SCOPE_OPTIONS}
            value={scope}
            onChange={(next) => {
              // the namespace and pod filters mean nothing at node scope: do not keep them hidden in the query
              const base =
                next === 'node' ? withField(withField(query, 'namespace', undefined), 'podName', undefined) : query;
              onCommit({ ...base, scope: next });
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {scope !== 'node' && (
        <InlineFieldRow>
          <NameField {...picker} field="namespace" tooltip="Only pods in these namespaces" />
          <NameField
            {...picker}
            field="podName"
            tooltip="One or more pods; empty for all"
            lookup={{ namespace: query.namespace, node: query.nodeName }}
          />
        </InlineFieldRow>
      )}
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
