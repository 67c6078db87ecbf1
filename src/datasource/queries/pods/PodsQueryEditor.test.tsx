import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('PodsQueryEditor', () => {
  it('offers the cluster’s namespaces and nodes and commits the chosen ones', async () => {
    const options = fakeClusterOptions({ namespaces: ['payments', 'shop'], nodes: ['node-1'] });
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'pods' }, options);
    expect(options.names).toHaveBeenCalledWith({ kind: 'namespaces' });
    expect(options.names).toHaveBeenCalledWith({ kind: 'nodes' });

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.nodeName), 'node-1');
    expect(latest()).toEqual({ refId: 'A', queryType: 'pods', namespace: 'shop', nodeName: 'node-1' });
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('accepts a template variable as the namespace', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'pods' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), '$namespace');
    expect(latest()).toEqual({ refId: 'A', queryType: 'pods', namespace: '$namespace' });
  });

  it('sets selectors, grouping, sorting and top N', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'pods' });
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.labelSelector), 'app=web{Enter}');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.fieldSelector), 'status.phase=Running{Enter}');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.groupBy), 'workload');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.sortBy), 'cpuOfRequest');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.topN), '5{Enter}');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'pods',
      labelSelector: 'app=web',
      fieldSelector: 'status.phase=Running',
      groupBy: 'workload',
      sortBy: 'cpuOfRequest',
      topN: 5,
    });

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.sortBy), '');
    expect(latest()).not.toHaveProperty('sortBy');
  });

  it('explains a top N that is not a whole number of 1 or more, and does not run it', async () => {
    const { onChange, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'pods', topN: 3 });
    const input = screen.getByTestId(EDITOR_TEST_IDS.topN);
    await userEvent.clear(input);
    await userEvent.type(input, '0{Enter}');
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(screen.getByText(/whole number of 1 or more/)).toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.tab();
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'pods' });
    expect(screen.queryByText(/whole number of 1 or more/)).not.toBeInTheDocument();
  });

  it('turns kubelet pressure on and off', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'pods' }, fakeClusterOptions({}));
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.pressure));
    expect(latest()).toMatchObject({ pressure: true });
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.pressure));
    expect(latest()).not.toHaveProperty('pressure');
  });

  it('offers time series and live like every metric type', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'pods', namespace: 'shop' });
    await userEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.live));
    expect(latest()).toEqual({ refId: 'A', queryType: 'pods', namespace: 'shop', format: 'timeseries', live: true });
  });
});
