import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';

import type { NodesQuery } from '../../types';
import { type SubEditorProps } from '../../editors/editorProps';
import { NameField } from '../../editors/NameField';
import { MetricOptions } from '../../editors/MetricOptions';
import { LabelSelectorField } from '../../editors/SelectorFields';
import { withField } from '../../editors/queryModel';

/** The fields of a `nodes` query; both filters are optional. */
export function NodesQueryEditor({ query, onCommit, options }: SubEditorProps<NodesQuery>) {
  const picker = { query, onCommit, options };
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="nodeName" tooltip="One node by name; leave empty for every node" />
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
