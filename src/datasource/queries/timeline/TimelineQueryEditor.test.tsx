import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';
import { TIMELINE_TEST_IDS } from './TimelineQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('TimelineQueryEditor', () => {
  it('shows a namespace timeline by default, with no name to choose', async () => {
    await renderQueryEditor({ refId: 'A', queryType: 'timeline' });
    expect(screen.getByRole('radio', { name: 'Namespace' })).toBeChecked();
    expect(screen.getByTestId(EDITOR_TEST_IDS.namespace)).toBeInTheDocument();
    expect(screen.queryByTestId(TIMELINE_TEST_IDS.name)).not.toBeInTheDocument();
  });

  it('picks a workload by kind and name, the names listed for that kind in that namespace', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'], workloads: ['cart', 'web'] });
    const { latest } = await renderQueryEditor(
      { refId: 'A', queryType: 'timeline', subject: 'workload', namespace: 'shop' },
      options
    );
    await userEvent.selectOptions(screen.getByTestId(TIMELINE_TEST_IDS.workloadKind), 'StatefulSet');
    // opening the picker lists the names
    await userEvent.click(screen.getByTestId(TIMELINE_TEST_IDS.name));
    await waitFor(() =>
      expect(options.names).toHaveBeenLastCalledWith({
        kind: 'workloads',
        namespace: 'shop',
        workloadKind: 'statefulsets',
      })
    );
    await screen.findByRole('option', { name: 'cart' });
    await userEvent.selectOptions(screen.getByTestId(TIMELINE_TEST_IDS.name), 'cart');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'timeline',
      subject: 'workload',
      namespace: 'shop',
      workloadKind: 'StatefulSet',
      name: 'cart',
    });
  });

  it('changing the subject drops the name chosen for the old one; a node timeline has no namespace', async () => {
    const { latest } = await renderQueryEditor({
      refId: 'A',
      queryType: 'timeline',
      subject: 'pod',
      namespace: 'shop',
      name: 'web-1',
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Node' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeline', subject: 'node', namespace: 'shop' });
    expect(screen.queryByTestId(EDITOR_TEST_IDS.namespace)).not.toBeInTheDocument();
  });

  it("lists the cluster's nodes for a node timeline, and turns Live on", async () => {
    const options = fakeClusterOptions({ nodes: ['node-1'] });
    const { latest, onRunQuery } = await renderQueryEditor(
      { refId: 'A', queryType: 'timeline', subject: 'node' },
      options
    );
    await screen.findByRole('option', { name: 'node-1' });
    expect(options.names).toHaveBeenLastCalledWith({ kind: 'nodes' });
    await userEvent.selectOptions(screen.getByTestId(TIMELINE_TEST_IDS.name), 'node-1');
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.live));
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeline', subject: 'node', name: 'node-1', live: true });
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });
});
