import React from 'react';
import { Combobox, InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { EventsQuery } from '../types';
import { CommitInput } from './CommitInput';
import { LABEL_WIDTH, type SubEditorProps } from './editorProps';
import { EDITOR_TEST_IDS } from './editorTestIds';
import { MetricOptions } from './MetricOptions';
import { NameField } from './NameField';
import { EVENT_TYPE_OPTIONS, type EventTypeChoice, INVOLVED_KIND_OPTIONS } from './fieldOptions';
import { withField } from './queryModel';

/** Kubernetes events: where, which type, and about which object. */
export function EventsQueryEditor({ query, onCommit, options }: SubEditorProps<EventsQuery>) {
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField
          query={query}
          field="namespace"
          onCommit={onCommit}
          options={options}
          tooltip="One or more namespaces; empty for all"
        />
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
