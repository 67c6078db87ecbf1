import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('RisksQueryEditor', () => {
  it('narrows to a namespace and a minimum severity', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'] });
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'risks' }, options);
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    await userEvent.click(screen.getByRole('radio', { name: 'Critical' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'risks', namespace: 'shop', minSeverity: 'critical' });
  });

  it('shows the saved severity, and All removes it and runs the query', async () => {
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'risks', minSeverity: 'warning' });
    expect(screen.getByRole('radio', { name: 'Warning' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'All' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'risks' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });
});
