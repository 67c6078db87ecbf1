/*
 * Stack traces in the panel as a reader sees them: grouped under the line that starts them, collapsed when long,
 * toggled from the keyboard or the mouse, kept together by filters, copied and downloaded whole.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';

import { PODLOGS_TEST_IDS as IDS } from './testIds';
import { kubeglanceFrame, T0, type TestLine } from './testing/testFrames';
import { bodies, click, flush, renderPanel, settleFloating, withPanelClock } from './testing/testPanel';

withPanelClock();

const toggles = () => screen.queryAllByTestId(IDS.groupToggle);
const levelCounts = () => screen.getAllByTestId(IDS.levelChip).map((c) => c.textContent);

const JAVA_FRAMES = Array.from({ length: 8 }, (_, i) => `\tat com.example.shop.Step${i}.run(Step${i}.java:${10 + i})`);
const SHORT_TRACE = [
  'Error: payment declined',
  '    at charge (/app/pay.js:10:5)',
  '    at route (/app/server.js:40:3)',
];

function frame(bodiesIn: string[], from = 0, extra: Partial<TestLine> = {}) {
  return kubeglanceFrame(
    bodiesIn.map((body, i) => ({
      t: T0 + (from + i) * 1000,
      body,
      level: i === 0 && from === 0 ? 'info' : undefined,
      ...extra,
    }))
  );
}

const LONG = ['ready', 'java.lang.IllegalStateException: cart is empty', ...JAVA_FRAMES, 'GET /healthz 200'];

describe('PodLogsPanel: stack traces', () => {
  it('collapses a long trace to its first line, and expands and collapses it from its toggle', () => {
    renderPanel([frame(LONG)]);
    expect(bodies()).toEqual(['ready', 'java.lang.IllegalStateException: cart is empty', 'GET /healthz 200']);
    const toggle = toggles()[0];
    expect(toggle).toHaveTextContent('▸ 8 more lines');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAccessibleName('Expand the stack trace (8 more lines)');
    // a real button: reachable with Tab, pressed with Enter or Space
    expect(screen.getByRole('button', { name: 'Expand the stack trace (8 more lines)' })).toBe(toggle);
    click(toggle);
    expect(bodies()).toEqual(LONG);
    expect(toggles()[0]).toHaveAttribute('aria-expanded', 'true');
    expect(toggles()[0]).toHaveAccessibleName('Collapse the stack trace (8 more lines)');
    click(toggles()[0]);
    expect(bodies()).toHaveLength(3);
  });

  it('shows a short trace expanded, and keeps the reader’s choice while lines arrive', () => {
    const streaming = { state: LoadingState.Streaming, requestId: 'tail' };
    const { update } = renderPanel([frame(['boot', ...SHORT_TRACE])], streaming);
    expect(bodies()).toEqual(['boot', ...SHORT_TRACE]);
    click(toggles()[0]);
    expect(bodies()).toEqual(['boot', 'Error: payment declined']);
    update([frame(['next line', 'and another'], 10)], streaming);
    expect(bodies()).toEqual(['boot', 'Error: payment declined', 'next line', 'and another']);
  });

  it('continues a trace whose frames arrive in a later update', () => {
    const streaming = { state: LoadingState.Streaming, requestId: 'tail' };
    const { update } = renderPanel([frame(['boot', ...SHORT_TRACE])], streaming);
    update([frame(['    at main (/app/index.js:3:1)'], 10)], streaming);
    expect(toggles()[0]).toHaveTextContent('▾');
    expect(toggles()[0]).toHaveAccessibleName('Collapse the stack trace (3 more lines)');
  });

  it('counts a trace once under its head’s level, and hides it whole with that level', () => {
    renderPanel([
      kubeglanceFrame([
        { t: T0, body: 'boot', level: 'info' },
        ...SHORT_TRACE.map((body, i) => ({ t: T0 + 1000 + i, body, level: i === 0 ? 'error' : 'unknown' })),
      ]),
    ]);
    expect(levelCounts()).toEqual(['error1', 'info1']);
    click(screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'error')!);
    expect(bodies()).toEqual(['boot']);
  });

  it('shows the whole trace when the search matches one of its frames, with the match marked', () => {
    renderPanel([frame(LONG)]);
    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'Step5' } });
    flush();
    click(within(screen.getByTestId(IDS.onlyMatching).closest('div')!).getByRole('switch'));
    // a trace with a match starts expanded
    expect(bodies()).toEqual(LONG.slice(1, 10));
    const marks = Array.from(screen.getByTestId(IDS.list).querySelectorAll('mark')).map((m) => m.textContent);
    expect(marks).toEqual(['Step5', 'Step5']);
  });

  it('drops a trace whose first line is excluded, frames and all', () => {
    renderPanel([frame(LONG)]);
    const exclude = within(screen.getByTestId(IDS.exclude)).getByRole('textbox');
    fireEvent.change(exclude, { target: { value: 'IllegalState' } });
    fireEvent.keyDown(exclude, { key: 'Enter' });
    flush();
    expect(bodies()).toEqual(['ready', 'GET /healthz 200']);
  });

  it('copies the whole trace from its first line, even collapsed', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderPanel([frame(LONG)]);
    const row = screen.getAllByTestId(IDS.row)[1];
    fireEvent.mouseEnter(row);
    expect(within(row).getByTestId(IDS.copyLine)).toHaveAccessibleName('Copy the stack trace');
    await act(async () => {
      fireEvent.click(within(row).getByTestId(IDS.copyLine));
    });
    expect(writeText).toHaveBeenCalledWith(LONG.slice(1, 10).join('\n'));
    // a frame copies itself only
    click(toggles()[0]);
    const frameRow = screen.getAllByTestId(IDS.row)[3];
    fireEvent.mouseEnter(frameRow);
    expect(within(frameRow).getByTestId(IDS.copyLine)).toHaveAccessibleName('Copy the line');
    await act(async () => {
      fireEvent.click(within(frameRow).getByTestId(IDS.copyLine));
    });
    expect(writeText).toHaveBeenLastCalledWith(JAVA_FRAMES[1]);
  });

  it('downloads every line of a collapsed trace', async () => {
    const blobs: Blob[] = [];
    const originalCreate = URL.createObjectURL;
    const originalRevoke = URL.revokeObjectURL;
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = jest.fn();
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      renderPanel([frame(LONG)], { options: { timestamps: 'off' } });
      click(screen.getByTestId(IDS.download));
      click(screen.getByText(`Visible lines (${LONG.length}) as text`));
      await settleFloating();
      jest.useRealTimers();
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsText(blobs[0]);
      });
      expect(text.trimEnd().split('\n')).toHaveLength(LONG.length);
      expect(text).toContain('Step7.java:17');
    } finally {
      anchorClick.mockRestore();
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
    }
  });
});
