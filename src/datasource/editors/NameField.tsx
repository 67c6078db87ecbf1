import React from 'react';
import { InlineField } from '@grafana/ui';

import { ClusterCombobox, lookupProps } from './ClusterCombobox';
import type { ClusterOptions, NameLookup } from './clusterOptions';
import { LABEL_WIDTH } from './editorProps';
import { EDITOR_TEST_IDS } from './editorTestIds';
import { withField } from './queryModel';

/** The name fields query models share, and how each is labelled and looked up in the cluster. */
const NAME_FIELDS = {
  namespace: {
    label: 'Namespace',
    kind: 'namespaces',
    placeholder: 'all namespaces',
    testId: EDITOR_TEST_IDS.namespace,
  },
  nodeName: { label: 'Node', kind: 'nodes', placeholder: 'all nodes', testId: EDITOR_TEST_IDS.nodeName },
  podName: { label: 'Pod', kind: 'pods', placeholder: 'all pods', testId: EDITOR_TEST_IDS.podName },
  // the variable query's names for the same pickers
  node: { label: 'Node', kind: 'nodes', placeholder: 'any node', testId: EDITOR_TEST_IDS.nodeName },
  pod: { label: 'Pod', kind: 'pods', placeholder: 'all pods', testId: EDITOR_TEST_IDS.podName },
  container: {
    label: 'Container',
    kind: 'containers',
    placeholder: 'all containers',
    testId: EDITOR_TEST_IDS.container,
  },
} as const;

export type NameFieldKey = keyof typeof NAME_FIELDS;

interface Props<Q> {
  query: Q;
  field: NameFieldKey & keyof Q;
  onCommit: (query: Q) => void;
  options: ClusterOptions;
  tooltip: string;
  placeholder?: string;
  /** narrows the offered names, e.g. pods of the chosen namespace */
  lookup?: Omit<NameLookup, 'kind'>;
}

/** A labelled picker for one name field: choices from the cluster, or any typed name, list or variable. */
export function NameField<Q extends object>({
  query,
  field,
  onCommit,
  options,
  tooltip,
  placeholder,
  lookup,
}: Props<Q>) {
  const spec = NAME_FIELDS[field];
  return (
    <InlineField label={spec.label} labelWidth={LABEL_WIDTH} tooltip={tooltip}>
      <ClusterCombobox
        data-testid={spec.testId}
        placeholder={placeholder ?? spec.placeholder}
        value={query[field] as string | undefined}
        onChange={(value) => onCommit(withField<Q, keyof Q>(query, field, value as Q[keyof Q]))}
        {...lookupProps(options, { ...lookup, kind: spec.kind } as NameLookup)}
      />
    </InlineField>
  );
}
