/*
 * Dedup and sort order as a reader uses them: the toolbar's radio groups, the "×N" badge of a collapsed run, the
 * saved options as starting values, and following at the top when the newest lines come first.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';

import { PODLOGS_TEST_IDS as IDS } from './testIds';
import { kubeglanceFrame, T0, type TestLine } from './testing/testFrames';
import { bodies, click, emulateListLayout, flush, renderPanel, withPanelClock } from './testing/testPanel';

withPanelClock();

const badges = () => screen.queryAllByTestId(IDS.duplicates).map((b) => b.textContent);
const list = () => screen.getByTestId(IDS.list);
const frameOf = (texts: string[], from = 0, extra: Partial<TestLine> = {}) =>
  kubeglanceFrame(texts.map((body, i) => ({ t: T0 + (from + i) * 1000, body, ...extra })));
const choose = (group: string, label: string) => click(within(screen.getByTestId(group)).getByLabelText(label));

const TIMINGS = ['GET /cart took 12 ms', 'GET /cart took 15 ms', 'GET /cart took 15 ms', 'GET /home took 3 ms'];

describe('PodLogsPanel: dedup', () => {
  it('starts with every line, and collapses by the mode chosen in the toolbar with a ×N badge', () => {
    renderPanel([frameOf(TIMINGS)]);
    expect(bodies()).toEqual(TIMINGS);
    expect(badges()).toEqual([]);

    choose(IDS.dedup, 'Exact');
    expect(bodies()).toEqual(['GET /cart took 12 ms', 'GET /cart took 15 ms', 'GET /home took 3 ms']);
    // the run's last line's time (the third line, T0 + 2 s) in the dashboard's time zone
    expect(badges()).toEqual(['×2 … 2024-01-02 03:04:07.678']);
    expect(screen.getByTestId(IDS.duplicates)).toHaveAttribute(
      'aria-label',
      '2 duplicate lines, the last at 2024-01-02 03:04:07.678'
    );

    choose(IDS.dedup, 'Numbers');
    expect(bodies()).toEqual(['GET /cart took 12 ms', 'GET /home took 3 ms']);
    expect(badges()).toEqual(['×3 … 2024-01-02 03:04:07.678']);

    choose(IDS.dedup, 'Signature');
    expect(bodies()).toEqual(['GET /cart took 12 ms']);
    expect(badges()[0]).toMatch(/^×4/);

    choose(IDS.dedup, 'None');
    expect(bodies()).toEqual(TIMINGS);
    expect(badges()).toEqual([]);
  });

  it('starts from the saved mode, dedups after the search, and counts levels per line', () => {
    renderPanel([frameOf(['retry 1', 'noise', 'retry 2', 'retry 3'], 0, { level: 'warn' })], {
      options: { dedup: 'numbers', timestamps: 'off' },
    });
    expect(bodies()).toEqual(['retry 1', 'noise', 'retry 2']);
    expect(badges()).toEqual(['×2']);
    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'retry' } });
    flush();
    click(within(screen.getByTestId(IDS.onlyMatching).closest('div')!).getByRole('switch'));
    expect(bodies()).toEqual(['retry 1']);
    expect(badges()).toEqual(['×3']);
    const warning = screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'warning')!;
    expect(warning).toHaveTextContent('3');
  });

  it('keeps a run collapsed while duplicates stream in', () => {
    const first = ['connection refused', 'connection refused'];
    const view = renderPanel([frameOf(first)], {
      options: { dedup: 'exact', timestamps: 'off' },
      state: LoadingState.Streaming,
      requestId: 'q1',
    });
    expect(badges()).toEqual(['×2']);
    view.update([frameOf([...first, 'connection refused', 'connected'])], { state: LoadingState.Streaming });
    expect(bodies()).toEqual(['connection refused', 'connected']);
    expect(badges()).toEqual(['×3']);
  });
});

describe('PodLogsPanel: sort order', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = emulateListLayout();
  });
  afterEach(() => restoreLayout());
  const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `line ${from + i}`);

  it('lists the newest line first when chosen, and back', () => {
    renderPanel([frameOf(lines(3))]);
    expect(bodies()).toEqual(['line 0', 'line 1', 'line 2']);
    choose(IDS.sortOrder, 'Newest first');
    expect(bodies()).toEqual(['line 2', 'line 1', 'line 0']);
    choose(IDS.sortOrder, 'Oldest first');
    expect(bodies()).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('newest first from the saved option: following keeps the top in view as lines arrive, and resumes there', () => {
    const first = lines(300);
    const view = renderPanel([frameOf(first)], {
      options: { sortOrder: 'newestFirst' },
      state: LoadingState.Streaming,
      requestId: 'q1',
    });
    expect(bodies()[0]).toBe('line 299');
    expect(bodies()).not.toContain('line 0');
    view.update([frameOf([...first, ...lines(5, 300)])], { state: LoadingState.Streaming });
    expect(bodies()[0]).toBe('line 304');
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Following');

    // the reader scrolls down, away from the newest line: following pauses and new lines are counted
    fireEvent.wheel(list(), { deltaY: 500 });
    list().scrollTop = 3000;
    fireEvent.scroll(list());
    flush();
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Follow');
    view.update([frameOf([...first, ...lines(8, 300)])], { state: LoadingState.Streaming });
    expect(screen.getByTestId(IDS.newLines)).toHaveTextContent('3 new lines');
    expect(bodies()).not.toContain('line 307');

    click(screen.getByTestId(IDS.newLines));
    expect(bodies()[0]).toBe('line 307');
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Following');
  });

  it('steps through matches in time when newest first: "previous" starts at the newest match, at the top', () => {
    renderPanel([frameOf(['cart 0', 'x', 'cart 2', 'cart 3'])], { options: { sortOrder: 'newestFirst' } });
    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'cart' } });
    flush();
    const counter = screen.getByTestId(IDS.matchCounter);
    click(screen.getByTestId(IDS.prevMatch));
    expect(counter).toHaveTextContent('1 / 3');
    click(screen.getByTestId(IDS.prevMatch));
    expect(counter).toHaveTextContent('2 / 3');
    click(screen.getByTestId(IDS.nextMatch));
    expect(counter).toHaveTextContent('1 / 3');
    // past the newest match, "next" wraps to the oldest one, at the bottom
    click(screen.getByTestId(IDS.nextMatch));
    expect(counter).toHaveTextContent('3 / 3');
  });

  it('keeps a stack trace under its first line when newest first', () => {
    renderPanel([frameOf(['before', 'Error: boom', '    at f (/app/x.js:1:1)', '    at g (/app/x.js:2:1)', 'after'])], {
      options: { sortOrder: 'newestFirst' },
    });
    expect(bodies()).toEqual([
      'after',
      'Error: boom',
      '    at f (/app/x.js:1:1)',
      '    at g (/app/x.js:2:1)',
      'before',
    ]);
  });
});
