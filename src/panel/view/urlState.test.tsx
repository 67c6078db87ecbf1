import { act, fireEvent, screen } from '@testing-library/react';
import { locationService } from '@grafana/runtime';

import { PODLOGS_TEST_IDS as IDS } from '../testIds';
import { kubeglanceFrame, T0, type TestLine } from '../testing/testFrames';
import { bodies, emulateListLayout, flush, renderPanel, withPanelClock } from '../testing/testPanel';
import { decodeView, encodeView, lineHash, URL_WRITE_MS, type UrlView, urlKey } from './urlState';

withPanelClock();
beforeEach(() => {
  locationService.replace('/d/abc/logs');
});

const KEY = urlKey(1);
const urlValue = () => locationService.getSearchObject()[KEY];
const view = (over: Partial<UrlView> = {}): UrlView => ({
  search: { text: '', regex: false, caseSensitive: false, onlyMatching: false, exclude: [] },
  hiddenLevels: [],
  hiddenSources: [],
  ...over,
});
const lines = (n: number, extra: Partial<TestLine> = {}): TestLine[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + i * 1000, body: `line ${i}`, ...extra }));
const mixed = (): TestLine[] => [
  { t: T0, body: 'GET /cart 200', pod: 'api-0', level: 'info' },
  { t: T0 + 1000, body: 'cart cache miss', pod: 'api-1', level: 'debug' },
  { t: T0 + 2000, body: 'GET /cart 500', pod: 'api-1', level: 'error' },
  { t: T0 + 3000, body: 'GET /healthz 200', pod: 'api-0', level: 'info' },
];

describe('URL encoding', () => {
  it('round-trips a view, with non-ASCII text', () => {
    const v = view({
      search: {
        text: 'zahlung fehlgeschlagen ✗',
        regex: true,
        caseSensitive: true,
        onlyMatching: true,
        exclude: ['a'],
      },
      hiddenLevels: ['debug'],
      hiddenSources: ['shop/api-0/app'],
      window: { kind: 'range', from: T0, to: T0 + 5000 },
      line: { t: T0, src: 'shop/api-0/app', h: lineHash('x') },
    });
    const encoded = encodeView(v);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeView(encoded)).toEqual(v);
    expect(decodeView(encodeView(view({ window: { kind: 'last', ms: 300_000 } })))?.window).toEqual({
      kind: 'last',
      ms: 300_000,
    });
  });

  it('ignores malformed values', () => {
    const b64 = (s: string) => btoa(s).replace(/=+$/, '');
    expect(decodeView('%%%not base64')).toBeUndefined();
    expect(decodeView(b64('not json'))).toBeUndefined();
    expect(decodeView(b64('[1,2]'))).toBeUndefined();
    expect(decodeView(['a', 'b'])).toBeUndefined();
    // wrong types inside are dropped field by field
    const odd = decodeView(b64(JSON.stringify({ q: 5, l: ['debug', 'nonsense', 3], w: [10, 5], ln: ['x'] })));
    expect(odd).toEqual(view({ hiddenLevels: ['debug'] }));
  });
});

describe('the panel and its URL', () => {
  it('opens the view a link holds, over the panel’s default search', () => {
    const v = view({ search: { ...view().search, text: 'cart', onlyMatching: true }, hiddenLevels: ['debug'] });
    locationService.partial({ [KEY]: encodeView(v) }, true);
    renderPanel([kubeglanceFrame(mixed())], { options: { defaultSearch: 'healthz' } });
    expect(screen.getByTestId(IDS.search)).toHaveValue('cart');
    expect(bodies()).toEqual(['GET /cart 200', 'GET /cart 500']);
  });

  it('restores hidden pods when their lines arrive, and a time window', () => {
    const v = view({ hiddenSources: ['default/api-1/app'], window: { kind: 'range', from: T0, to: T0 + 3000 } });
    locationService.partial({ [KEY]: encodeView(v) }, true);
    renderPanel([kubeglanceFrame(mixed())]);
    expect(bodies()).toEqual(['GET /cart 200']);
    expect(screen.getByTestId(IDS.windowChip)).toBeInTheDocument();
  });

  it('keeps pods a link hid until their lines arrive', () => {
    locationService.partial({ [KEY]: encodeView(view({ hiddenSources: ['default/ghost/app'] })) }, true);
    renderPanel([kubeglanceFrame(mixed())]);
    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'cart' } });
    act(() => {
      jest.advanceTimersByTime(URL_WRITE_MS);
    });
    expect(decodeView(urlValue())).toMatchObject({ search: { text: 'cart' }, hiddenSources: ['default/ghost/app'] });
  });

  it('opens the default view when the value is malformed', () => {
    locationService.partial({ [KEY]: 'eyJxIjo' }, true);
    renderPanel([kubeglanceFrame(mixed())]);
    expect(bodies()).toHaveLength(4);
  });

  it('writes the view once it settles, replacing the history entry, and removes it when back to default', () => {
    const partial = jest.spyOn(locationService, 'partial');
    renderPanel([kubeglanceFrame(mixed())]);
    expect(partial).not.toHaveBeenCalled();
    for (const text of ['c', 'ca', 'car', 'cart']) {
      fireEvent.change(screen.getByTestId(IDS.search), { target: { value: text } });
    }
    act(() => {
      jest.advanceTimersByTime(URL_WRITE_MS);
    });
    expect(partial).toHaveBeenCalledTimes(1);
    expect(partial).toHaveBeenCalledWith({ [KEY]: expect.any(String) }, true);
    expect(decodeView(urlValue())?.search.text).toBe('cart');

    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: '' } });
    act(() => {
      jest.advanceTimersByTime(URL_WRITE_MS);
    });
    expect(urlValue()).toBeUndefined();
    partial.mockRestore();
  });

  it('keeps panels apart by their id', () => {
    renderPanel([kubeglanceFrame(mixed())]);
    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'cart' } });
    act(() => {
      jest.advanceTimersByTime(URL_WRITE_MS);
    });
    expect(Object.keys(locationService.getSearchObject())).toEqual(['podlogs-1']);
  });
});

describe('a linked line', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = emulateListLayout();
  });
  afterEach(() => restoreLayout());

  it('is found when its lines arrive, scrolled to and marked, and following stops', () => {
    const line = { t: T0 + 20_000, src: 'default/api-0/app', h: lineHash('line 20') };
    locationService.partial({ [KEY]: encodeView(view({ line })) }, true);
    renderPanel([kubeglanceFrame(lines(300))]);
    flush();
    expect(bodies()).toContain('line 20');
    expect(bodies()).not.toContain('line 299');
    const marked = screen.getAllByTestId(IDS.row).filter((r) => r.getAttribute('aria-current') === 'true');
    expect(marked.map((r) => r.textContent)).toEqual([expect.stringContaining('line 20')]);
    expect(screen.getByTestId(IDS.follow)).not.toHaveTextContent('Following');
  });

  it('is linked from a row’s link button, which copies the page link', () => {
    const writeText = jest.fn((_text: string) => Promise.resolve());
    Object.assign(navigator, { clipboard: { writeText } });
    renderPanel([kubeglanceFrame(lines(3))]);
    const row = screen.getAllByTestId(IDS.row)[1];
    fireEvent.mouseEnter(row);
    fireEvent.click(screen.getByTestId(IDS.linkLine));
    flush();
    expect(row).toHaveAttribute('aria-current', 'true');
    const copied = new URL(writeText.mock.calls[0][0]);
    expect(decodeView(copied.searchParams.get(KEY))?.line).toEqual({
      t: T0 + 1000,
      src: 'default/api-0/app',
      h: lineHash('line 1'),
    });
    act(() => {
      jest.advanceTimersByTime(URL_WRITE_MS);
    });
    expect(decodeView(urlValue())?.line?.h).toBe(lineHash('line 1'));
  });
});
