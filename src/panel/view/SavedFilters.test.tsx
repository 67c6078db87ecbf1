import { act, fireEvent, screen, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';

import { PODLOGS_TEST_IDS as IDS } from '../testIds';
import { kubeglanceFrame, T0, type TestLine } from '../testing/testFrames';
import { bodies, click, renderPanel, withPanelClock } from '../testing/testPanel';
import { REMEMBER_AFTER_MS } from './SavedFilters';
import { HISTORY_MAX, historyKey, loadHistory, remember, SAVED_KEY, withSaved } from './searchHistory';

withPanelClock();
beforeEach(() => {
  window.localStorage.clear();
  locationService.replace('/d/dash-1/shop');
});
afterEach(() => jest.restoreAllMocks());

const LINES: TestLine[] = [
  { t: T0, body: 'GET /cart 200', level: 'info' },
  { t: T0 + 1000, body: 'cart cache miss', level: 'debug' },
  { t: T0 + 2000, body: 'GET /cart 500 payment failed', level: 'error' },
  { t: T0 + 3000, body: 'GET /healthz 200', level: 'info' },
];
const searchBox = () => screen.getByTestId(IDS.search);
function searchFor(text: string) {
  fireEvent.change(searchBox(), { target: { value: text } });
  act(() => {
    jest.advanceTimersByTime(REMEMBER_AFTER_MS);
  });
}
// queries scoped to the menus: role queries over the whole panel are slow in jsdom
const historyItems = () => Array.from(screen.getByTestId(IDS.historyList).querySelectorAll('[role="menuitem"]'));
const savedMenu = () => within(screen.getByTestId(IDS.savedList));
const submitSave = () => fireEvent.submit(savedMenu().getByText('Save').closest('form')!);

describe('search history', () => {
  it('remembers searches that settle, newest first, and opens from the search box with the down arrow', () => {
    renderPanel([kubeglanceFrame(LINES)]);
    searchFor('cart');
    searchFor('payment');
    // typed and changed before it settled: not remembered
    fireEvent.change(searchBox(), { target: { value: 'heal' } });
    fireEvent.change(searchBox(), { target: { value: '' } });
    act(() => {
      jest.advanceTimersByTime(REMEMBER_AFTER_MS);
    });
    fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(historyItems().map((b) => b.textContent)).toEqual(['payment', 'cart', 'Clear history']);
    // the first entry has focus; the arrow keys move on, Enter (a click) applies
    expect(historyItems()[0]).toHaveFocus();
    fireEvent.keyDown(historyItems()[0], { key: 'ArrowDown' });
    expect(historyItems()[1]).toHaveFocus();
    fireEvent.click(historyItems()[1]);
    expect(searchBox()).toHaveValue('cart');
    expect(screen.queryByTestId(IDS.historyList)).not.toBeInTheDocument();
    expect(loadHistory(historyKey('/d/dash-1/shop', 1)).map((h) => h.text)).toEqual(['payment', 'cart']);
  });

  it('closes with Escape, and clears', () => {
    renderPanel([kubeglanceFrame(LINES)]);
    searchFor('cart');
    fireEvent.click(screen.getByTestId(IDS.historyButton));
    fireEvent.keyDown(historyItems()[0], { key: 'Escape' });
    expect(screen.queryByTestId(IDS.historyList)).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId(IDS.historyButton));
    fireEvent.click(within(screen.getByTestId(IDS.historyList)).getByText('Clear history'));
    expect(screen.getByTestId(IDS.historyList)).toHaveTextContent('No recent searches yet.');
    expect(loadHistory(historyKey('/d/dash-1/shop', 1))).toEqual([]);
  });

  it('keeps one history per dashboard panel', () => {
    expect(historyKey('/d/dash-1/shop', 1)).not.toBe(historyKey('/d/dash-1/shop', 2));
    expect(historyKey('/d/dash-1/shop', 1)).not.toBe(historyKey('/d/dash-2/other', 1));
  });

  it('holds the last 20, each once', () => {
    let h = remember([], { text: 'a', regex: false, caseSensitive: false });
    for (let i = 0; i < 30; i++) {
      h = remember(h, { text: `s${i}`, regex: false, caseSensitive: false });
    }
    h = remember(h, { text: 's25', regex: false, caseSensitive: false });
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h.slice(0, 3).map((e) => e.text)).toEqual(['s25', 's29', 's28']);
    expect(h.filter((e) => e.text === 's25')).toHaveLength(1);
    // the same text as a regular expression is another search
    expect(remember(h, { text: 's25', regex: true, caseSensitive: false })).toHaveLength(HISTORY_MAX);
  });
});

describe('saved filters', () => {
  const level = (value: string) =>
    screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === value)!;

  it('saves the current filters under a name, re-applies and deletes them', () => {
    renderPanel([kubeglanceFrame(LINES)]);
    searchFor('cart');
    click(level('debug'));
    expect(bodies()).toEqual(['GET /cart 200', 'GET /cart 500 payment failed', 'GET /healthz 200']);

    fireEvent.click(screen.getByTestId(IDS.savedButton));
    const menu = screen.getByTestId(IDS.savedList);
    fireEvent.change(within(menu).getByLabelText('Name for the current filters'), {
      target: { value: 'cart, no debug' },
    });
    submitSave();
    expect(JSON.parse(window.localStorage.getItem(SAVED_KEY)!)[0].name).toBe('cart, no debug');

    // back to no filters, then the saved one
    fireEvent.change(searchBox(), { target: { value: '' } });
    click(level('debug'));
    expect(bodies()).toHaveLength(4);
    click(savedMenu().getByText('cart, no debug'));
    expect(searchBox()).toHaveValue('cart');
    expect(bodies()).toEqual(['GET /cart 200', 'GET /cart 500 payment failed', 'GET /healthz 200']);

    fireEvent.click(screen.getByTestId(IDS.savedButton));
    fireEvent.click(savedMenu().getByLabelText('Delete cart, no debug'));
    expect(screen.getByTestId(IDS.savedList)).toHaveTextContent('No saved filters yet.');
    expect(JSON.parse(window.localStorage.getItem(SAVED_KEY)!)).toEqual([]);
  });

  it('asks for a name', () => {
    renderPanel([kubeglanceFrame(LINES)]);
    fireEvent.click(screen.getByTestId(IDS.savedButton));
    submitSave();
    expect(savedMenu().getByRole('alert')).toHaveTextContent('Give the filter a name, then save.');
  });

  it('replaces a filter saved under the same name', () => {
    const base = { search: { text: '', regex: false, caseSensitive: false, onlyMatching: false, exclude: [] } };
    const list = withSaved(withSaved([], { ...base, name: 'x', hiddenLevels: [], hiddenSources: [] }), {
      ...base,
      name: 'x',
      hiddenLevels: ['debug'],
      hiddenSources: [],
    });
    expect(list).toEqual([{ ...base, name: 'x', hiddenLevels: ['debug'], hiddenSources: [] }]);
  });
});

describe('when localStorage fails', () => {
  it('reads nothing and keeps working when storage throws or holds garbage', () => {
    window.localStorage.setItem(SAVED_KEY, '{not json');
    window.localStorage.setItem(historyKey('/d/dash-1/shop', 1), JSON.stringify([{ text: 5 }, 'x', { text: 'ok' }]));
    renderPanel([kubeglanceFrame(LINES)]);
    fireEvent.click(screen.getByTestId(IDS.historyButton));
    expect(historyItems().map((b) => b.textContent)).toEqual(['ok', 'Clear history']);
    fireEvent.click(screen.getByTestId(IDS.savedButton));
    expect(screen.getByTestId(IDS.savedList)).toHaveTextContent('No saved filters yet.');
  });

  it('keeps a filter for the session and says so when the quota is full', () => {
    jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    renderPanel([kubeglanceFrame(LINES)]);
    searchFor('cart');
    fireEvent.click(screen.getByTestId(IDS.savedButton));
    fireEvent.change(savedMenu().getByLabelText('Name for the current filters'), { target: { value: 'mine' } });
    submitSave();
    expect(savedMenu().getByRole('alert')).toHaveTextContent('The browser would not store it');
    expect(savedMenu().getByText('mine')).toHaveAttribute('role', 'menuitem');
    expect(bodies()).toHaveLength(4);
  });
});
