import React from 'react';
import { Combobox, type ComboboxOption, InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { EventsQuery } from '../../types';
import { CommitInput } from '../../editors/CommitInput';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { MetricOptions } from '../../editors/MetricOptions';
import { NameField } from '../../editors/NameField';
import { withField } from '../../editors/queryModel';

/** '' stands for "both" in the radio group; the query leaves eventType out then. */
type EventTypeChoice = NonNullable<EventsQuery['eventType']> | '';

const EVENT_TYPE_OPTIONS: Array<{ value: EventTypeChoice; label: string }> = [
  { value: '', label: 'All' },
  { value: 'Normal', label: 'Normal' },
  { value: 'Warning', label: 'Warning' },
];

/** The kinds events are usually about; any other kind can be typed. */
const INVOLVED_KIND_OPTIONS: Array<ComboboxOption<string>> = [
  'Pod',
  'Node',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'PersistentVolumeClaim',
  'Service',
  'HorizontalPodAutoscaler',
].map((kind) => ({ value: kind, label: kind }));

/** Kubernetes events: where, which type, and about which object. */
export function EventsQueryEditor({ query, onCommit, options }: SubEditorProps<EventsQuery>) {
  const picker = { query, onCommit, options };
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="namespace" tooltip="One or more namespaces; empty for all" />
        <InlineField label="Type" labelWidth={LABEL_WIDTH} tooltip="Normal, Warning, or both">
          <RadioButtonGroup<EventTypeChoice>
            aria-label="Event type"
            options={EVENT_TYPE_OPTIONS}
            value={query.eventType ?? ''}
            onChange={(eventType) => onCommit(withField(query, 'eventType', eventType))}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Involved kind" labelWidth={LABEL_WIDTH} tooltip="The kind of object the events are about">
          <Combobox
            data-testid={EDITOR_TEST_IDS.involvedKind}
            width={28}
            createCustomValue
            isClearable
            placeholder="any kind"
            options={INVOLVED_KIND_OPTIONS}
            value={query.involvedKind ?? null}
            onChange={(option) => onCommit(withField(query, 'involvedKind', option?.value))}
          />
        </InlineField>
        <InlineField label="Involved name" labelWidth={LABEL_WIDTH} tooltip="The name of that object, e.g. web-5d9c">
          <CommitInput
            data-testid={EDITOR_TEST_IDS.involvedName}
            aria-label="Involved name"
            width={32}
            placeholder="any name"
            value={query.involvedName ?? ''}
            onCommit={(involvedName) => onCommit(withField(query, 'involvedName', involvedName))}
          />
        </InlineField>
      </InlineFieldRow>
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
