import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('ObjectsQueryEditor', () => {
  it('lists pods by default and narrows them by namespace and selectors', async () => {
    const options = fakeClusterOptions({ namespaces: ['kube-system', 'shop'] });
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'objects' }, options);
    expect(screen.getByTestId(EDITOR_TEST_IDS.resource)).toHaveValue('pods');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'kube-system');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.labelSelector), 'k8s-app=kube-dns{Enter}');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.fieldSelector), 'status.phase!=Running{Enter}');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'objects',
      namespace: 'kube-system',
      labelSelector: 'k8s-app=kube-dns',
      fieldSelector: 'status.phase!=Running',
    });
    expect(screen.getByTestId(EDITOR_TEST_IDS.resource)).toHaveValue('pods');
  });

  it('has no namespace for a cluster-scoped resource and drops the one set', async () => {
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'objects', namespace: 'shop' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.resource), 'nodes');
    expect(latest()).toEqual({ refId: 'A', queryType: 'objects', resource: 'nodes' });
    expect(screen.queryByTestId(EDITOR_TEST_IDS.namespace)).not.toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.resource), 'deployments');
    expect(latest()).toEqual({ refId: 'A', queryType: 'objects', resource: 'deployments' });
    expect(screen.getByTestId(EDITOR_TEST_IDS.namespace)).toBeInTheDocument();
  });
});
