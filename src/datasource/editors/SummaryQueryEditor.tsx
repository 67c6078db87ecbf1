import React from 'react';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { SummaryQuery } from '../types';
import { ClusterCombobox, lookupProps } from './ClusterCombobox';
import { LABEL_WIDTH, type SubEditorProps } from './editorProps';
import { EDITOR_TEST_IDS } from './editorTestIds';
import { SCOPE_OPTIONS } from './fieldOptions';
import { MetricOptions } from './MetricOptions';
import { withField } from './queryModel';

/** The kubelet Summary API: which nodes, and whether rows are nodes, pods, containers or volumes. */
export function SummaryQueryEditor({ query, onCommit, options }: SubEditorProps<SummaryQuery>) {
  const scope = query.scope ?? 'node';
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Node" labelWidth={LABEL_WIDTH} tooltip="One or more nodes; empty for every node">
          <ClusterCombobox
            data-testid={EDITOR_TEST_IDS.nodeName}
            placeholder="all nodes"
            value={query.nodeName}
            onChange={(nodeName) => onCommit(withField(query, 'nodeName', nodeName))}
            {...lookupProps(options, { kind: 'nodes' })}
          />
        </InlineField>
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
          <InlineField label="Namespace" labelWidth={LABEL_WIDTH} tooltip="Only pods in these namespaces">
            <ClusterCombobox
              data-testid={EDITOR_TEST_IDS.namespace}
              placeholder="all namespaces"
              value={query.namespace}
              onChange={(namespace) => onCommit(withField(query, 'namespace', namespace))}
              {...lookupProps(options, { kind: 'namespaces' })}
            />
          </InlineField>
          <InlineField label="Pod" labelWidth={LABEL_WIDTH} tooltip="One or more pods; empty for all">
            <ClusterCombobox
              data-testid={EDITOR_TEST_IDS.podName}
              placeholder="all pods"
              value={query.podName}
              onChange={(podName) => onCommit(withField(query, 'podName', podName))}
              {...lookupProps(options, { kind: 'pods', namespace: query.namespace, node: query.nodeName })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
