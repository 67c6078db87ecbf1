import React from 'react';
import { InlineField, InlineFieldRow } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import type { NodesQuery } from '../types';
import { CommitInput } from './CommitInput';

interface Props {
  query: NodesQuery;
  onCommit: (query: NodesQuery) => void;
}

/** The fields of a `nodes` query; both are optional filters. */
export function NodesQueryEditor({ query, onCommit }: Props) {
  return (
    <InlineFieldRow>
      <InlineField label="Node" labelWidth={14} tooltip="One node by name; leave empty for every node">
        <CommitInput
          data-testid={TEST_IDS.queryEditor.nodeName}
          aria-label="Node name"
          width={32}
          placeholder="all nodes"
          value={query.nodeName ?? ''}
          onCommit={(nodeName) => onCommit({ ...query, nodeName: nodeName || undefined })}
        />
      </InlineField>
      <InlineField
        label="Label selector"
        labelWidth={16}
        tooltip="Kubernetes label selector on the Node objects, e.g. node-role.kubernetes.io/control-plane or zone=a"
      >
        <CommitInput
          data-testid={TEST_IDS.queryEditor.labelSelector}
          aria-label="Label selector"
          width={40}
          placeholder="e.g. kubernetes.io/os=linux"
          value={query.labelSelector ?? ''}
          onCommit={(labelSelector) => onCommit({ ...query, labelSelector: labelSelector || undefined })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
