import React from 'react';
import { InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import type { NodesQuery } from '../types';
import { ClusterCombobox, lookupProps } from './ClusterCombobox';
import { LABEL_WIDTH, type SubEditorProps } from './editorProps';
import { EDITOR_TEST_IDS } from './editorTestIds';
import { MetricOptions } from './MetricOptions';
import { LabelSelectorField } from './SelectorFields';
import { withField } from './queryModel';

/** The fields of a `nodes` query; both filters are optional. */
export function NodesQueryEditor({ query, onCommit, options }: SubEditorProps<NodesQuery>) {
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Node" labelWidth={LABEL_WIDTH} tooltip="One node by name; leave empty for every node">
          <ClusterCombobox
            data-testid={EDITOR_TEST_IDS.nodeName}
            placeholder="all nodes"
            value={query.nodeName}
            onChange={(nodeName) => onCommit(withField(query, 'nodeName', nodeName))}
            {...lookupProps(options, { kind: 'nodes' })}
          />
        </InlineField>
        <LabelSelectorField
          value={query.labelSelector}
          tooltip="Kubernetes label selector on the Node objects, e.g. node-role.kubernetes.io/control-plane or zone=a"
          onCommit={(labelSelector) => onCommit(withField(query, 'labelSelector', labelSelector))}
        />
      </InlineFieldRow>
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
