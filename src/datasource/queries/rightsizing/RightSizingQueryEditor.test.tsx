import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('RightSizingQueryEditor', () => {
  it('narrows by namespace and selector, and groups per namespace; per container is the default', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'] });
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'rightsizing' }, options);
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.labelSelector), 'app=web{Enter}');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.groupBy), 'namespace');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'rightsizing',
      namespace: 'shop',
      labelSelector: 'app=web',
      groupBy: 'namespace',
    });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.groupBy), 'container');
    expect(latest()).not.toHaveProperty('groupBy');
  });
});
