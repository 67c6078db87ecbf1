import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor, settle } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('SummaryQueryEditor', () => {
  it('asks for namespace and pod only below node scope, and offers the pods of that namespace and node', async () => {
    const options = fakeClusterOptions({ nodes: ['node-1'], namespaces: ['shop'], pods: ['cart-1', 'web-1'] });
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'summary', nodeName: 'node-1' }, options);
    expect(screen.getByRole('radio', { name: 'Node' })).toBeChecked();
    expect(screen.queryByTestId(EDITOR_TEST_IDS.podName)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Container' }));
    await settle();
    expect(latest()).toEqual({ refId: 'A', queryType: 'summary', nodeName: 'node-1', scope: 'container' });

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.podName));
    await settle();
    expect(options.names).toHaveBeenLastCalledWith({ kind: 'pods', namespace: 'shop', node: 'node-1' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.podName), 'web-1');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'summary',
      nodeName: 'node-1',
      scope: 'container',
      namespace: 'shop',
      podName: 'web-1',
    });
  });

  it('drops the pod filters when going back to node scope', async () => {
    const { latest } = await renderQueryEditor({
      refId: 'A',
      queryType: 'summary',
      scope: 'pod',
      namespace: 'shop',
      podName: 'web-1',
      format: 'timeseries',
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Node' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'summary', scope: 'node', format: 'timeseries' });
    expect(screen.queryByTestId(EDITOR_TEST_IDS.namespace)).not.toBeInTheDocument();
  });
});
