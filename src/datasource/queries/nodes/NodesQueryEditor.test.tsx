import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('NodesQueryEditor', () => {
  it('turns kubelet pressure on and off', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'nodes' }, fakeClusterOptions({}));
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.pressure));
    expect(latest()).toMatchObject({ queryType: 'nodes', pressure: true });
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.pressure));
    expect(latest()).not.toHaveProperty('pressure');
  });
});
