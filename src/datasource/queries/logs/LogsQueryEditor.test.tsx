import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor, settle } from '../../testing/renderQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

describe('LogsQueryEditor', () => {
  it('offers the pods of the chosen namespace, then the containers of the chosen pod', async () => {
    const options = fakeClusterOptions({ namespaces: ['shop'], pods: ['cart-1'], containers: ['cart', 'migrate'] });
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'logs' }, options);

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.podName));
    await settle();
    expect(options.names).toHaveBeenLastCalledWith({ kind: 'pods', namespace: 'shop', labelSelector: undefined });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.podName), 'cart-1');

    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.container));
    await settle();
    expect(options.names).toHaveBeenLastCalledWith({
      kind: 'containers',
      namespace: 'shop',
      pod: 'cart-1',
      labelSelector: undefined,
    });
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.container), 'migrate');
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'logs',
      namespace: 'shop',
      podName: 'cart-1',
      container: 'migrate',
    });
  });

  it('offers the containers of the pods a selector matches when no pod is named', async () => {
    const options = fakeClusterOptions();
    await renderQueryEditor({ refId: 'A', queryType: 'logs', namespace: 'shop', labelSelector: 'app=web' }, options);
    expect(options.names).toHaveBeenCalledWith({ kind: 'containers', namespace: 'shop', labelSelector: 'app=web' });
  });

  it('sets the switches and the limits', async () => {
    const { latest, onRunQuery } = await renderQueryEditor({ refId: 'A', queryType: 'logs', podName: 'web-1' });
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.includeInit));
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.previous));
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.events));
    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.live));
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.tailLines), '200{Enter}');
    await userEvent.type(screen.getByTestId(EDITOR_TEST_IDS.limitBytes), '65536');
    await userEvent.tab();
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'logs',
      podName: 'web-1',
      includeInit: true,
      previous: true,
      events: true,
      live: true,
      tailLines: 200,
      limitBytes: 65536,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(6);

    await userEvent.click(screen.getByTestId(EDITOR_TEST_IDS.previous));
    expect(latest()).not.toHaveProperty('previous');
  });

  it('takes the byte cap as people write it and shows it back that way', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'logs' }, fakeClusterOptions({}));
    const cap = screen.getByTestId(EDITOR_TEST_IDS.limitBytes);
    expect(cap).toHaveAttribute('placeholder', '2 MiB');
    await userEvent.type(cap, '512 KiB{Enter}');
    expect(latest()).toMatchObject({ limitBytes: 512 * 1024 });
    expect(cap).toHaveValue('512 KiB');
    await userEvent.clear(cap);
    await userEvent.type(cap, 'lots{Enter}');
    expect(screen.getByText(/Enter a size such as 512 KiB/)).toBeInTheDocument();
    expect(latest()).toMatchObject({ limitBytes: 512 * 1024 });
  });
});
