import React from 'react';
import { InlineField } from '@grafana/ui';

import { CommitInput } from './CommitInput';
import { LABEL_WIDTH } from './editorProps';
import { EDITOR_TEST_IDS } from './editorTestIds';

interface SelectorProps {
  value?: string;
  /** undefined when emptied */
  onCommit: (value: string | undefined) => void;
  tooltip?: string;
}

/** A Kubernetes label selector, passed to the API server as typed (after template variables). */
export function LabelSelectorField({ value, onCommit, tooltip }: SelectorProps) {
  return (
    <InlineField
      label="Label selector"
      labelWidth={LABEL_WIDTH}
      tooltip={tooltip ?? 'Kubernetes label selector, e.g. app=web,tier!=cache or environment in (prod,staging)'}
    >
      <CommitInput
        data-testid={EDITOR_TEST_IDS.labelSelector}
        aria-label="Label selector"
        width={32}
        placeholder="e.g. app=web"
        value={value ?? ''}
        onCommit={(text) => onCommit(text || undefined)}
      />
    </InlineField>
  );
}

/** A Kubernetes field selector; which fields work depends on the resource. */
export function FieldSelectorField({ value, onCommit, tooltip }: SelectorProps) {
  return (
    <InlineField
      label="Field selector"
      labelWidth={LABEL_WIDTH}
      tooltip={tooltip ?? 'Kubernetes field selector, e.g. status.phase=Running or spec.nodeName=node-1'}
    >
      <CommitInput
        data-testid={EDITOR_TEST_IDS.fieldSelector}
        aria-label="Field selector"
        width={32}
        placeholder="e.g. status.phase=Running"
        value={value ?? ''}
        onCommit={(text) => onCommit(text || undefined)}
      />
    </InlineField>
  );
}
