import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_TEST_IDS } from '../../editors/editorTestIds';
import { fakeClusterOptions, renderQueryEditor, settle } from '../../testing/renderQueryEditor';
import { formatWindow, parseWindow, TIME_TO_FULL_TEST_IDS } from './TimeToFullQueryEditor';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  Combobox: jest.requireActual('../../testing/comboboxMock').MockCombobox,
}));

const kindSwitch = (kind: Parameters<typeof TIME_TO_FULL_TEST_IDS.kind>[0]) =>
  screen.getByTestId(TIME_TO_FULL_TEST_IDS.kind(kind)) as HTMLInputElement;

describe('TimeToFullQueryEditor', () => {
  it('picks node and namespace, and turns kinds off and on; all on saves no kinds', async () => {
    const options = fakeClusterOptions({ nodes: ['node-1'], namespaces: ['shop'] });
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'timeToFull' }, options);
    expect(['nodeFs', 'imageFs', 'pvc', 'ephemeral', 'memory'].every((k) => kindSwitch(k as never).checked)).toBe(true);

    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.nodeName), 'node-1');
    await userEvent.selectOptions(screen.getByTestId(EDITOR_TEST_IDS.namespace), 'shop');
    fireEvent.click(kindSwitch('memory'));
    fireEvent.click(kindSwitch('imageFs'));
    await settle();
    expect(latest()).toEqual({
      refId: 'A',
      queryType: 'timeToFull',
      nodeName: 'node-1',
      namespace: 'shop',
      kinds: ['nodeFs', 'pvc', 'ephemeral'],
    });
    expect(kindSwitch('memory').checked).toBe(false);

    fireEvent.click(kindSwitch('memory'));
    fireEvent.click(kindSwitch('imageFs'));
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeToFull', nodeName: 'node-1', namespace: 'shop' });
  });

  it('takes the window as a duration, explains a bad one without saving it, and picks the format', async () => {
    const { latest } = await renderQueryEditor({ refId: 'A', queryType: 'timeToFull', windowSeconds: 7200 });
    const box = screen.getByTestId(TIME_TO_FULL_TEST_IDS.window) as HTMLInputElement;
    expect(box.value).toBe('2h');

    await userEvent.clear(box);
    await userEvent.type(box, '30m');
    fireEvent.blur(box);
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeToFull', windowSeconds: 1800 });

    await userEvent.clear(box);
    await userEvent.type(box, '20s');
    fireEvent.blur(box);
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeToFull', windowSeconds: 1800 });
    expect(screen.getByText(/Enter a duration of a minute or more/)).toBeInTheDocument();

    await userEvent.clear(box);
    fireEvent.blur(box);
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeToFull' });

    fireEvent.click(screen.getByRole('radio', { name: 'Time series' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeToFull', format: 'timeseries' });
    fireEvent.click(screen.getByRole('radio', { name: 'Table' }));
    expect(latest()).toEqual({ refId: 'A', queryType: 'timeToFull' });
  });
});

describe('window text', () => {
  it('reads durations and plain seconds of a minute or more', () => {
    expect(parseWindow('90')).toBe(90);
    expect(parseWindow('45m')).toBe(2700);
    expect(parseWindow(' 6h ')).toBe(21_600);
    expect(parseWindow('1.5h')).toBe(5400);
    expect(parseWindow('2D')).toBe(172_800);
    expect(parseWindow('')).toBeUndefined();
    expect(parseWindow('30s')).toBeNull();
    expect(parseWindow('soon')).toBeNull();
    expect(parseWindow('-5m')).toBeNull();
  });

  it('shows the largest whole unit', () => {
    expect(formatWindow(1800)).toBe('30m');
    expect(formatWindow(7200)).toBe('2h');
    expect(formatWindow(86_400)).toBe('1d');
    expect(formatWindow(90)).toBe('90s');
  });
});
