import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import { TEST_IDS } from '../../components/testIds';
import type { KubeDataSource } from '../datasource';
import type { KubeDataSourceOptions, KubeQuery } from '../types';
import { NodesQueryEditor } from './NodesQueryEditor';
import { QUERY_TYPE_OPTIONS, queryTypeOf, withQueryType } from './queryModel';

type Props = QueryEditorProps<KubeDataSource, KubeQuery, KubeDataSourceOptions>;

/** Picks the query type, then shows that type's fields. The same editor serves dashboards and Explore. */
export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const commit = (next: KubeQuery) => {
    onChange(next);
    onRunQuery();
  };
  const queryType = queryTypeOf(query);

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Query" labelWidth={14} tooltip="What to read from the cluster">
          <Combobox
            data-testid={TEST_IDS.queryEditor.queryType}
            width={32}
            options={QUERY_TYPE_OPTIONS}
            value={queryType}
            onChange={(option) => {
              // re-choosing the current type must not wipe its fields
              if (option.value !== query.queryType) {
                commit(withQueryType(query, option.value));
              }
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {queryType === 'nodes' && <NodesQueryEditor query={{ ...query, queryType }} onCommit={commit} />}
    </Stack>
  );
}
