import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';
import { OUTLIERS_TEST_IDS, toggledSignals } from './OutliersQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('OutliersQueryEditor', () => {
  it('narrows to a namespace, drops a signal and lists every pod', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'] });
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'outliers' }, options);
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    expect(screen.getByTestId(OUTLIERS_TEST_IDS.signal('cpu'))).toBeChecked();
    await userEvent.click(screen.getByTestId(OUTLIERS_TEST_IDS.signal('cpu')));
    await userEvent.click(screen.getByTestId(OUTLIERS_TEST_IDS.showAll));
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'outliers',
      namespace: 'shop',
      signals: ['memory', 'restarts'],
      showAll: true,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
  });

  it('keeps the last signal on', async () => {
    await renderQueryEditor({ refId: 'A', queryType: 'outliers', signals: ['restarts'] });
    expect(screen.getByTestId(OUTLIERS_TEST_IDS.signal('restarts'))).toBeDisabled();
    expect(screen.getByTestId(OUTLIERS_TEST_IDS.signal('cpu'))).not.toBeChecked();
  });

  it('leaves the default signals out of the saved query', () => {
    expect(toggledSignals(['memory', 'restarts'], 'cpu', true)).toBeUndefined();
    expect(toggledSignals(undefined, 'memory', false)).toEqual(['cpu', 'restarts']);
  });
});
