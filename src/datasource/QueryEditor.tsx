import React, { useMemo } from 'react';
import type { DataSourceApi, QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import type { KubeDataSourceOptions, KubeQuery, RightSizingQuery } from './types';
import type { ClusterOptions } from './editors/clusterOptions';
import { LABEL_WIDTH } from './editors/editorProps';
import { EDITOR_TEST_IDS } from './editors/editorTestIds';
import { EventsQueryEditor } from './queries/events/EventsQueryEditor';
import { KubeletQueryEditor } from './queries/kubelet/KubeletQueryEditor';
import { LogsQueryEditor } from './queries/logs/LogsQueryEditor';
import { NodesQueryEditor } from './queries/nodes/NodesQueryEditor';
import { ObjectsQueryEditor } from './queries/objects/ObjectsQueryEditor';
import { OutliersQueryEditor } from './queries/outliers/OutliersQueryEditor';
import { PodsQueryEditor } from './queries/pods/PodsQueryEditor';
import { RightSizingQueryEditor } from './queries/rightsizing/RightSizingQueryEditor';
import { queryTypeOf, queryTypeOptions, withQueryType } from './editors/queryModel';
import { RisksQueryEditor } from './queries/risks/RisksQueryEditor';
import { SummaryQueryEditor } from './queries/summary/SummaryQueryEditor';
import { TimeToFullQueryEditor } from './queries/timeToFull/TimeToFullQueryEditor';
import { TimelineQueryEditor } from './queries/timeline/TimelineQueryEditor';
import { type ClusterSource, clusterOptionsFor } from './variables/clusterOptionsFor';

/** The data source as the editor needs it (the class would make an import circle through module.ts). */
type EditorDataSource = DataSourceApi<KubeQuery, KubeDataSourceOptions> & ClusterSource;

type Props = QueryEditorProps<EditorDataSource, KubeQuery, KubeDataSourceOptions> & {
  /** choices for the name pickers; by default read from the data source's cluster */
  clusterOptions?: ClusterOptions;
};

/** Picks the query type, then shows that type's fields. The same editor serves dashboards and Explore. */
export function QueryEditor({ query, onChange, onRunQuery, datasource, app, clusterOptions }: Props) {
  const options = useMemo(() => clusterOptions ?? clusterOptionsFor(datasource), [clusterOptions, datasource]);
  const commit = (next: KubeQuery) => {
    onChange(next);
    onRunQuery();
  };
  const queryType = queryTypeOf(query, app);
  const common = { onCommit: commit, options, app };

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Query" labelWidth={LABEL_WIDTH} tooltip="What to read from the cluster">
          <Combobox
            data-testid={EDITOR_TEST_IDS.queryType}
            width={32}
            options={queryTypeOptions(app)}
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
      {queryType === 'nodes' && <NodesQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'pods' && <PodsQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'summary' && <SummaryQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'kubelet' && <KubeletQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'objects' && <ObjectsQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'events' && <EventsQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'logs' && <LogsQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'risks' && <RisksQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'outliers' && <OutliersQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'timeToFull' && <TimeToFullQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'timeline' && <TimelineQueryEditor query={{ ...query, queryType }} {...common} />}
      {queryType === 'rightsizing' && (
        // its groupBy is narrower than the pods query's: a pods query's fields cannot pass for it
        <RightSizingQueryEditor query={{ ...(query as RightSizingQuery), queryType }} {...common} />
      )}
    </Stack>
  );
}
