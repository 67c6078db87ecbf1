import React from 'react';
import { InlineField, InlineFieldRow } from '@grafana/ui';

import { CommitInput } from './CommitInput';
import { LABEL_WIDTH } from './editorProps';
import { EDITOR_TEST_IDS } from './editorTestIds';
import { withField } from './queryModel';

interface SelectorProps {
  value?: string;
  /** undefined when emptied */
  onCommit: (value: string | undefined) => void;
  tooltip?: string;
}

const SELECTORS = {
  label: {
    label: 'Label selector',
    testId: EDITOR_TEST_IDS.labelSelector,
    placeholder: 'e.g. app=web',
    tooltip: 'Kubernetes label selector, e.g. app=web,tier!=cache or environment in (prod,staging)',
  },
  field: {
    label: 'Field selector',
    testId: EDITOR_TEST_IDS.fieldSelector,
    placeholder: 'e.g. status.phase=Running',
    tooltip: 'Kubernetes field selector, e.g. status.phase=Running or spec.nodeName=node-1',
  },
} as const;

/** A Kubernetes label or field selector, passed to the API server as typed (after template variables). */
function SelectorField({ kind, value, onCommit, tooltip }: SelectorProps & { kind: keyof typeof SELECTORS }) {
  const spec = SELECTORS[kind];
  return (
    <InlineField label={spec.label} labelWidth={LABEL_WIDTH} tooltip={tooltip ?? spec.tooltip}>
      <CommitInput
        data-testid={spec.testId}
        aria-label={spec.label}
        width={32}
        placeholder={spec.placeholder}
        value={value ?? ''}
        onCommit={(text) => onCommit(text || undefined)}
      />
    </InlineField>
  );
}

export function LabelSelectorField(props: SelectorProps) {
  return <SelectorField kind="label" {...props} />;
}

interface SelectorQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

/** The label and field selector of a listing query, side by side; the field selector's tooltip says what works. */
export function SelectorRow<Q extends SelectorQuery>({
  query,
  onCommit,
  fieldTooltip,
}: {
  query: Q;
  onCommit: (query: Q) => void;
  fieldTooltip: string;
}) {
  return (
    <InlineFieldRow>
      <SelectorField
        kind="label"
        value={query.labelSelector}
        onCommit={(labelSelector) => onCommit(withField(query, 'labelSelector', labelSelector))}
      />
      <SelectorField
        kind="field"
        value={query.fieldSelector}
        tooltip={fieldTooltip}
        onCommit={(fieldSelector) => onCommit(withField(query, 'fieldSelector', fieldSelector))}
      />
    </InlineFieldRow>
  );
}
