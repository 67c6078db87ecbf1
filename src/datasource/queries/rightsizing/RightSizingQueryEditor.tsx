import React from 'react';
import { Combobox, type ComboboxOption, InlineField, InlineFieldRow } from '@grafana/ui';

import type { RightSizingQuery } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { NameField } from '../../editors/NameField';
import { withField } from '../../editors/queryModel';
import { LabelSelectorField } from '../../editors/SelectorFields';

const GROUP_BY_OPTIONS: Array<ComboboxOption<'container' | 'namespace'>> = [
  { value: 'container', label: 'Container', description: 'Usage, requests, limits and suggestions per container' },
  { value: 'namespace', label: 'Namespace', description: 'Requests the suggestions would free, or that are missing' },
];

/** Which containers (namespace, selector), and per container or per namespace. */
export function RightSizingQueryEditor({ query, onCommit, options }: SubEditorProps<RightSizingQuery>) {
  return (
    <InlineFieldRow>
      <NameField
        query={query}
        onCommit={onCommit}
        options={options}
        field="namespace"
        tooltip="One or more namespaces; empty for all"
      />
      <LabelSelectorField
        value={query.labelSelector}
        onCommit={(labelSelector) => onCommit(withField(query, 'labelSelector', labelSelector))}
      />
      <InlineField label="Group by" labelWidth={LABEL_WIDTH} tooltip="One row per container, or sums per namespace">
        <Combobox
          data-testid={EDITOR_TEST_IDS.groupBy}
          width={20}
          options={GROUP_BY_OPTIONS}
          value={query.groupBy ?? 'container'}
          // container is the default: it is left out of the saved query
          onChange={(option) =>
            onCommit(withField(query, 'groupBy', option.value === 'container' ? undefined : option.value))
          }
        />
      </InlineField>
    </InlineFieldRow>
  );
}
