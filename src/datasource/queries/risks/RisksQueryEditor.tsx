import React from 'react';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { RiskSeverity, RisksQuery } from '../../types';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { NameField } from '../../editors/NameField';
import { withField } from '../../editors/queryModel';

const SEVERITY_OPTIONS: Array<{ value: RiskSeverity; label: string; description: string }> = [
  { value: 'info', label: 'All', description: 'Everything, down to fresh states and notes (info)' },
  { value: 'warning', label: 'Warning', description: 'Warnings and critical findings' },
  { value: 'critical', label: 'Critical', description: 'Only what is down now' },
];

/** What is wrong now: where to look, and how bad a finding must be to show. */
export function RisksQueryEditor({ query, onCommit, options }: SubEditorProps<RisksQuery>) {
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField
          query={query}
          onCommit={onCommit}
          options={options}
          field="namespace"
          tooltip="One or more namespaces; empty for all (nodes are checked only then)"
        />
        <InlineField label="Minimum severity" labelWidth={LABEL_WIDTH} tooltip="Leave out findings below this severity">
          <RadioButtonGroup<RiskSeverity>
            aria-label="Minimum severity"
            options={SEVERITY_OPTIONS}
            value={query.minSeverity ?? 'info'}
            // info is the default: the query leaves it out then
            onChange={(v) => onCommit(withField(query, 'minSeverity', v === 'info' ? undefined : v))}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}
