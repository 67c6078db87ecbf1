import React, { useMemo } from 'react';
import type { DataSourceApi, QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import type { KubeDataSourceOptions, KubeQuery } from '../types';
import {
  type KubeVariableQuery,
  LABEL_RESOURCES,
  toVariableQuery,
  VARIABLE_KINDS,
  VARIABLE_WORKLOAD_KINDS,
  type VariableKind,
} from '../variableTypes';
import { ClusterCombobox, lookupProps } from '../editors/ClusterCombobox';
import type { ClusterOptions } from '../editors/clusterOptions';
import { LABEL_WIDTH } from '../editors/editorProps';
import { EDITOR_TEST_IDS } from '../editors/editorTestIds';
import { withField } from '../editors/queryModel';
import { NameField } from '../editors/NameField';
import { LabelSelectorField } from '../editors/SelectorFields';
import { type ClusterSource, clusterOptionsFor } from './clusterOptionsFor';

/** The data source as this editor needs it: its client, not the class (which would close an import circle). */
export type VariableDataSource = DataSourceApi<KubeQuery, KubeDataSourceOptions> & ClusterSource;

type Props = QueryEditorProps<VariableDataSource, KubeQuery, KubeDataSourceOptions, KubeVariableQuery> & {
  /** choices for the name pickers; by default read from the data source's cluster */
  clusterOptions?: ClusterOptions;
};

/** Which fields each kind of variable reads. */
const FIELDS: Record<
  VariableKind,
  ReadonlyArray<'namespace' | 'labelSelector' | 'node' | 'pod' | 'workloadKind' | 'resource' | 'labelKey'>
> = {
  namespaces: ['labelSelector'],
  nodes: ['labelSelector'],
  pods: ['namespace', 'labelSelector', 'node'],
  containers: ['namespace', 'pod', 'labelSelector'],
  workloads: ['workloadKind', 'namespace', 'labelSelector'],
  labelKeys: ['resource', 'namespace', 'labelSelector'],
  labelValues: ['resource', 'labelKey', 'namespace', 'labelSelector'],
};

const KIND_OPTIONS = VARIABLE_KINDS.map(({ value, label, description }) => ({ value, label, description }));

/** The editor of a template variable: what to list, and the filters that kind of list takes. */
export function VariableQueryEditor({ query: saved, onChange, onRunQuery, datasource, clusterOptions }: Props) {
  const options = useMemo(() => clusterOptions ?? clusterOptionsFor(datasource), [clusterOptions, datasource]);
  const query = toVariableQuery(saved);
  const fields = new Set(FIELDS[query.kind]);
  const resource = LABEL_RESOURCES.find((r) => r.value === (query.resource ?? 'pods'));
  const showNamespace = fields.has('namespace') && (!fields.has('resource') || Boolean(resource?.namespaced));

  const commit = (next: KubeVariableQuery) => {
    onChange(next);
    onRunQuery();
  };
  const picker = { query, onCommit: commit, options };

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="List" labelWidth={LABEL_WIDTH} tooltip="What the variable's values are">
          <Combobox
            data-testid={EDITOR_TEST_IDS.variableKind}
            width={28}
            options={KIND_OPTIONS}
            value={query.kind}
            onChange={(option) => {
              // another kind reads other fields: start it clean
              if (option.value !== query.kind) {
                commit({ refId: query.refId, kind: option.value });
              }
            }}
          />
        </InlineField>
        {fields.has('workloadKind') && (
          <InlineField label="Kind" labelWidth={LABEL_WIDTH} tooltip="Only workloads of this kind; empty for all">
            <Combobox
              data-testid={EDITOR_TEST_IDS.workloadKind}
              width={24}
              isClearable
              placeholder="all kinds"
              options={[...VARIABLE_WORKLOAD_KINDS]}
              value={query.workloadKind ?? null}
              onChange={(option) => commit(withField(query, 'workloadKind', option?.value))}
            />
          </InlineField>
        )}
        {fields.has('resource') && (
          <InlineField label="Of" labelWidth={LABEL_WIDTH} tooltip="Whose labels">
            <Combobox
              data-testid={EDITOR_TEST_IDS.labelResource}
              width={28}
              options={LABEL_RESOURCES.map(({ value, label }) => ({ value, label }))}
              value={resource?.value ?? 'pods'}
              onChange={(option) => {
                const next = { ...query, resource: option.value };
                const namespaced = LABEL_RESOURCES.find((r) => r.value === option.value)?.namespaced;
                commit(namespaced ? next : withField(next, 'namespace', undefined));
              }}
            />
          </InlineField>
        )}
        {fields.has('labelKey') && (
          <InlineField label="Label key" labelWidth={LABEL_WIDTH} tooltip="The label whose values are listed">
            <ClusterCombobox
              data-testid={EDITOR_TEST_IDS.labelKey}
              placeholder="choose a key"
              value={query.labelKey}
              onChange={(labelKey) => commit(withField(query, 'labelKey', labelKey))}
              {...lookupProps(options, { kind: 'labelKeys', resource: query.resource, namespace: query.namespace })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        {showNamespace && <NameField {...picker} field="namespace" tooltip="One or more namespaces; empty for all" />}
        {fields.has('pod') && (
          <NameField
            {...picker}
            field="pod"
            tooltip="The pods whose containers are listed; empty for all"
            lookup={{ namespace: query.namespace }}
          />
        )}
        {fields.has('node') && <NameField {...picker} field="node" tooltip="Only pods scheduled on these nodes" />}
        {fields.has('labelSelector') && (
          <LabelSelectorField
            value={query.labelSelector}
            onCommit={(labelSelector) => commit(withField(query, 'labelSelector', labelSelector))}
          />
        )}
      </InlineFieldRow>
    </Stack>
  );
}
