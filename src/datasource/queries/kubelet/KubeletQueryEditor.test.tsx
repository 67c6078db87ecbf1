import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('KubeletQueryEditor', () => {
  it('offers the metric names the chosen node’s endpoint exposes', async () => {
    const kubeletMetrics = jest.fn(async () => [
      { value: 'container_cpu_usage_seconds_total', label: 'container_cpu_usage_seconds_total' },
      { value: 'node_memory_working_set_bytes', label: 'node_memory_working_set_bytes' },
    ]);
    const options = fakeClusterOptions({}, { kubeletMetrics });
    const { latest, onRunQuery } = await renderQueryEditor(
      { refId: 'A', queryType: 'kubelet', nodeName: 'node-1' },
      options
    );
    expect(kubeletMetrics).toHaveBeenCalledWith('node-1', 'metrics/resource');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.metric), 'node_memory_working_set_bytes');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'kubelet',
      nodeName: 'node-1',
      metric: 'node_memory_working_set_bytes',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('forgets the metric when the endpoint changes', async () => {
    const { latest } = await renderQueryEditor({
      refId: 'A',
      queryType: 'kubelet',
      endpoint: 'metrics/resource',
      metric: 'node_cpu_usage_seconds_total',
      matchers: 'namespace="shop"',
    });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.endpoint), 'metrics/cadvisor');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'kubelet',
      endpoint: 'metrics/cadvisor',
      matchers: 'namespace="shop"',
    });
  });

  it('says to type the metric when the data source cannot list them, and keeps a typed one', async () => {
    await renderQueryEditor({ refId: 'A', queryType: 'kubelet', metric: 'kubelet_running_pods' });
    const picker = screen.getByTestId(EDITOR_TEST_IDS.metric);
    expect(picker).toHaveValue('kubelet_running_pods');
    expect(within(picker).getByRole('option', { name: /Type the metric name/ })).toBeDisabled();
  });

  it('offers the known swap metrics of /metrics/resource when the endpoint cannot be listed', async () => {
    await renderQueryEditor({ refId: 'A', queryType: 'kubelet' });
    const picker = screen.getByTestId(EDITOR_TEST_IDS.metric);
    expect(await within(picker).findByRole('option', { name: 'container_swap_usage_bytes' })).toBeEnabled();
    expect(within(picker).getByRole('option', { name: 'node_swap_usage_bytes' })).toBeEnabled();
  });

  it('commits label matchers', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'kubelet', metric: 'm' });
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.matchers), 'container!="", pod=~"web-.*"');
    await userEvent.tab();
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'kubelet',
      metric: 'm',
      matchers: 'container!="", pod=~"web-.*"',
    });
  });
});
