import React from 'react';
import { Combobox, type ComboboxOption, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import { OBJECT_RESOURCE_INFO, type ObjectResource, type ObjectsQuery } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { MetricOptions } from '../../editors/MetricOptions';
import { NameField } from '../../editors/NameField';
import { withField } from '../../editors/queryModel';
import { SelectorRow } from '../../editors/SelectorFields';

/** Cluster-scoped resources have no namespace field. */
const RESOURCE_OPTIONS: Array<ComboboxOption<ObjectResource> & { namespaced: boolean }> = (
  Object.keys(OBJECT_RESOURCE_INFO) as ObjectResource[]
).map((value) => ({ value, ...OBJECT_RESOURCE_INFO[value] }));

const DEFAULT_RESOURCE: ObjectResource = 'pods';

function isNamespaced(resource: ObjectResource | undefined): boolean {
  return RESOURCE_OPTIONS.find((r) => r.value === (resource ?? DEFAULT_RESOURCE))?.namespaced ?? true;
}

/** `kubectl get <resource>`: which kind of object, where, and which ones. */
export function ObjectsQueryEditor({ query, onCommit, options }: SubEditorProps<ObjectsQuery>) {
  const picker = { query, onCommit, options };
  const resource = query.resource ?? DEFAULT_RESOURCE;
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Resource" labelWidth={LABEL_WIDTH} tooltip="The kind of object to list">
          <Combobox
            data-testid={EDITOR_TEST_IDS.resource}
            width={28}
            options={RESOURCE_OPTIONS}
            value={resource}
            onChange={(option) => {
              const next = { ...query, resource: option.value };
              // a cluster-scoped kind has no namespace, and field selectors differ per kind
              onCommit(isNamespaced(option.value) ? next : withField(next, 'namespace', undefined));
            }}
          />
        </InlineField>
        {isNamespaced(resource) && (
          <NameField {...picker} field="namespace" tooltip="One or more namespaces; empty for all" />
        )}
      </InlineFieldRow>
      <SelectorRow
        query={query}
        onCommit={onCommit}
        fieldTooltip="Field selector; which fields work depends on the resource (metadata.name works for all)"
      />
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
