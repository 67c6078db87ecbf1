import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';

import type { NodesQuery } from '../../types';
import { type SubEditorProps } from '../../editors/editorProps';
import { NameField } from '../../editors/NameField';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { FlagField } from '../../editors/FlagField';
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
        <FlagField
          query={query}
          onCommit={onCommit}
          field="pressure"
          label="Pressure"
          tooltip="CPU and memory pressure (PSI) of each node, from its kubelet (needs kubelet access)"
          testId={EDITOR_TEST_IDS.pressure}
        />
      </InlineFieldRow>
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
