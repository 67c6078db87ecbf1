import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('EventsQueryEditor', () => {
  it('filters by namespace and type; All removes the type', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'] });
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'events' }, options);
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    await userEvent.click(screen.getByRole('radio', { name: 'Warning' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'events', namespace: 'shop', eventType: 'Warning' });

    await userEvent.click(screen.getByRole('radio', { name: 'All' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'events', namespace: 'shop' });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
  });

  it('narrows to one involved object by kind and name', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'events', eventType: 'Normal' });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.involvedKind), 'Pod');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.involvedName), 'web-5d9c{Enter}');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'events',
      eventType: 'Normal',
      involvedKind: 'Pod',
      involvedName: 'web-5d9c',
    });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.involvedKind), '');
    expect(latest()).not.toHaveProperty('involvedKind');
  });
});
