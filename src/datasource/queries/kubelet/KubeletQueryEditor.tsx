import React from 'react';
import { Combobox, type ComboboxOption, InlineField, InlineFieldRow, Stack } from '@grafana/ui';

import type { KubeletEndpoint, KubeletQuery } from '../../types';
import { ClusterCombobox } from '../../editors/ClusterCombobox';
import { infoOption } from '../../editors/clusterOptions';
import { CommitInput } from '../../editors/CommitInput';
import { LABEL_WIDTH, type SubEditorProps } from '../../editors/editorProps';
import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { NameField } from '../../editors/NameField';
import { MetricOptions } from '../../editors/MetricOptions';
import { withField } from '../../editors/queryModel';
import { DEFAULT_KUBELET_ENDPOINT } from './kubeletQuery';
import { describedOptions, knownMetricOptions } from './knownMetrics';

const ENDPOINT_OPTIONS: Array<ComboboxOption<KubeletEndpoint>> = [
  {
    value: 'metrics/resource',
    label: 'Resource',
    description: '/metrics/resource: CPU and memory per node, pod, container',
  },
  {
    value: 'metrics/cadvisor',
    label: 'cAdvisor',
    description: '/metrics/cadvisor: container CPU, memory, network, disk',
  },
  { value: 'metrics', label: 'Kubelet', description: "/metrics: the kubelet's own metrics" },
  { value: 'metrics/probes', label: 'Probes', description: '/metrics/probes: liveness, readiness and startup results' },
];

/** One metric from a kubelet's Prometheus endpoint; the metric list comes from what the endpoint exposes. */
export function KubeletQueryEditor({ query, onCommit, options }: SubEditorProps<KubeletQuery>) {
  const picker = { query, onCommit, options };
  const endpoint = query.endpoint ?? DEFAULT_KUBELET_ENDPOINT;
  // what the endpoint serves, described where known (units, PSI, swap); the known ones when it cannot list
  const loadMetrics = async () => {
    const listed = await options.kubeletMetrics(query.nodeName, endpoint);
    return listed
      ? describedOptions(listed)
      : [
          infoOption('Type the metric name: this data source version cannot list them'),
          ...knownMetricOptions(endpoint),
        ];
  };

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <NameField {...picker} field="nodeName" tooltip="One or more nodes; empty for every node" />
        <InlineField label="Endpoint" labelWidth={LABEL_WIDTH} tooltip="The kubelet endpoint the metric comes from">
          <Combobox
            data-testid={EDITOR_TEST_IDS.endpoint}
            width={24}
            options={ENDPOINT_OPTIONS}
            value={endpoint}
            onChange={(option) => {
              // a metric of one endpoint is rarely exposed by another: choose it again
              if (option.value !== endpoint) {
                onCommit(withField({ ...query, endpoint: option.value }, 'metric', undefined));
              }
            }}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Metric" labelWidth={LABEL_WIDTH} tooltip="A metric name the endpoint exposes">
          <ClusterCombobox
            data-testid={EDITOR_TEST_IDS.metric}
            width={48}
            placeholder="choose a metric"
            value={query.metric}
            onChange={(metric) => onCommit(withField(query, 'metric', metric))}
            load={loadMetrics}
            variables={options.variables()}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Matchers"
          labelWidth={LABEL_WIDTH}
          tooltip='Label matchers as in PromQL: namespace="shop", container!="", pod=~"web-.*"'
        >
          <CommitInput
            data-testid={EDITOR_TEST_IDS.matchers}
            aria-label="Matchers"
            width={60}
            placeholder='e.g. namespace="shop", container!=""'
            value={query.matchers ?? ''}
            onCommit={(matchers) => onCommit(withField(query, 'matchers', matchers))}
          />
        </InlineField>
      </InlineFieldRow>
      <MetricOptions query={query} onCommit={onCommit} />
    </Stack>
  );
}
