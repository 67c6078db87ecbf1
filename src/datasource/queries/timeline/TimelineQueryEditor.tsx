import React from 'react';
import { Combobox, type ComboboxOption, InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { TimelineQuery, TimelineSubject } from '../../types';
import type { VariableWorkloadKind } from '../../variableTypes';
import { ClusterCombobox, lookupProps } from '../../editors/ClusterCombobox';
import type { NameLookup } from '../../editors/clusterOptions';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { FlagField } from '../../editors/FlagField';
import { NameField } from '../../editors/NameField';
import { withField } from '../../editors/queryModel';

const field = (name: string) => `data-testid kubeglance query timeline ${name}`;
export const TIMELINE_TEST_IDS = {
  name: field('name'),
  workloadKind: field('workload-kind'),
} as const;

const SUBJECT_OPTIONS: Array<{ value: TimelineSubject; label: string; description: string }> = [
  { value: 'namespace', label: 'Namespace', description: 'Every pod of the namespaces (or of all)' },
  { value: 'workload', label: 'Workload', description: "A workload's pods, with its rollouts" },
  { value: 'pod', label: 'Pod', description: 'One pod and its containers' },
  { value: 'node', label: 'Node', description: 'A node and its pods, or every node' },
];

/** Kind names as the query keeps them, and as the workloads picker asks for them. */
const WORKLOAD_KINDS: Array<ComboboxOption<string> & { lookup: VariableWorkloadKind }> = [
  { value: 'Deployment', label: 'Deployment', lookup: 'deployments' },
  { value: 'StatefulSet', label: 'StatefulSet', lookup: 'statefulsets' },
  { value: 'DaemonSet', label: 'DaemonSet', lookup: 'daemonsets' },
  { value: 'Job', label: 'Job', lookup: 'jobs' },
];

/** What the name picker lists for a subject: workloads of the kind, pods of the namespace, or nodes. */
function nameLookup(query: TimelineQuery, subject: TimelineSubject): NameLookup | undefined {
  switch (subject) {
    case 'workload': {
      const kind = WORKLOAD_KINDS.find((k) => k.value === (query.workloadKind ?? 'Deployment'));
      return { kind: 'workloads', namespace: query.namespace, workloadKind: kind?.lookup };
    }
    case 'pod':
      return { kind: 'pods', namespace: query.namespace };
    case 'node':
      return { kind: 'nodes' };
    default:
      return undefined;
  }
}

const NAME_TOOLTIPS: Record<TimelineSubject, string> = {
  namespace: '',
  workload: 'The workload whose pods (and rollouts) are shown',
  pod: 'The pod whose containers are shown',
  node: 'The node and its pods; empty for every node',
};

/** A timeline: of what (namespace, workload, pod or node), and which one. */
export function TimelineQueryEditor({ query, onCommit, options }: SubEditorProps<TimelineQuery>) {
  const subject = query.subject ?? 'namespace';
  const lookup = nameLookup(query, subject);
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Timeline of" labelWidth={LABEL_WIDTH} tooltip="What the rows are">
          <RadioButtonGroup<TimelineSubject>
            aria-label="Timeline of"
            options={SUBJECT_OPTIONS}
            value={subject}
            // the name belongs to the subject it was chosen for
            onChange={(next) => onCommit(withField({ ...query, subject: next }, 'name', undefined))}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        {subject !== 'node' && (
          <NameField
            query={query}
            onCommit={onCommit}
            options={options}
            field="namespace"
            tooltip={subject === 'namespace' ? 'One or more namespaces; empty for all' : 'The namespace it is in'}
          />
        )}
        {subject === 'workload' && (
          <InlineField label="Kind" labelWidth={LABEL_WIDTH} tooltip="The kind of workload">
            <Combobox
              data-testid={TIMELINE_TEST_IDS.workloadKind}
              width={20}
              options={WORKLOAD_KINDS.map(({ value, label }) => ({ value, label }))}
              value={query.workloadKind ?? 'Deployment'}
              onChange={(option) => onCommit(withField(query, 'workloadKind', option.value))}
            />
          </InlineField>
        )}
        {lookup && (
          <InlineField label="Name" labelWidth={LABEL_WIDTH} tooltip={NAME_TOOLTIPS[subject]}>
            <ClusterCombobox
              data-testid={TIMELINE_TEST_IDS.name}
              placeholder={subject === 'node' ? 'every node' : `choose a ${subject}`}
              value={query.name}
              onChange={(name) => onCommit(withField(query, 'name', name))}
              {...lookupProps(options, lookup)}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <FlagField
          query={query}
          onCommit={onCommit}
          field="live"
          label="Live"
          tooltip="Poll while the panel is open; states seen between polls are kept and shown as observed"
          testId={EDITOR_TEST_IDS.live}
        />
      </InlineFieldRow>
    </Stack>
  );
}
