/*
 * The panel as a reader uses it, rendered small. Interactions go through fireEvent (what a click or a keystroke
 * dispatches, without userEvent's per-character pointer simulation), and the engine answers under jest's fake
 * timers (flush), so no test waits on the clock or depends on the machine's speed.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';

import { PODLOGS_TEST_IDS as IDS } from './testIds';
import {
  elasticFrame,
  kubeglanceFrame,
  lokiDataplaneFrame,
  lokiLegacyFrame,
  plainFrame,
  T0,
  type TestLine,
} from './testing/testFrames';
import { failWorkerSpawn } from './engine/spawnWorker.stub';
import { emulateListLayout, flush, renderPanel, settleFloating } from './testing/testPanel';

beforeEach(() => {
  jest.useFakeTimers({ now: T0 + 65_000 });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Typing into a search or exclude box: one change event with the new value. */
function typeInto(input: HTMLElement, value: string) {
  fireEvent.change(input, { target: { value } });
  flush();
}
function click(el: HTMLElement) {
  fireEvent.click(el);
  flush();
}
const search = () => screen.getByTestId(IDS.search);
const marks = () => Array.from(list().querySelectorAll('mark')).map((m) => m.textContent);
const onlyMatching = () => within(screen.getByTestId(IDS.onlyMatching).closest('div')!).getByRole('switch');

const bodies = () => screen.queryAllByTestId(IDS.body).map((b) => b.textContent);
const list = () => screen.getByTestId(IDS.list);
const lines = (n: number, from = 0, extra: Partial<TestLine> = {}): TestLine[] =>
  Array.from({ length: n }, (_, i) => ({ t: T0 + (from + i) * 1000, body: `line ${from + i}`, ...extra }));

describe('PodLogsPanel: reading frames', () => {
  it('merges frames oldest first, with absolute times in the dashboard time zone', () => {
    renderPanel(
      [
        plainFrame([
          [T0 + 2000, 'third'],
          [T0, 'first'],
        ]),
        plainFrame([[T0 + 1000, 'second']], 'B'),
      ],
      { timeZone: 'Asia/Tokyo' }
    );
    expect(bodies()).toEqual(['first', 'second', 'third']);
    expect(screen.getAllByTestId(IDS.time).map((t) => t.textContent)).toEqual([
      '2024-01-02 12:04:05.678',
      '2024-01-02 12:04:06.678',
      '2024-01-02 12:04:07.678',
    ]);
  });

  it('maps a legacy Loki frame (newest first, Time/Line/labels) to pod/container', () => {
    renderPanel([
      lokiLegacyFrame([
        { t: T0, line: 'GET /healthz 200', labels: { namespace: 'shop', pod: 'api-0', container: 'app' } },
        { t: T0 + 5, line: 'GET /cart 500', labels: { namespace: 'shop', pod: 'api-1', container: 'app' } },
      ]),
    ]);
    expect(bodies()).toEqual(['GET /healthz 200', 'GET /cart 500']);
    expect(screen.getAllByTestId(IDS.source).map((s) => s.textContent)).toEqual(['api-0/app', 'api-1/app']);
    expect(screen.getAllByTestId(IDS.row)[0]).not.toHaveTextContent('000000');
  });

  it('maps Loki OpenTelemetry and promtail label names, and a level label', () => {
    renderPanel([
      lokiDataplaneFrame([
        {
          t: T0,
          line: 'payment accepted',
          labels: { k8s_namespace_name: 'shop', k8s_pod_name: 'pay-0', k8s_container_name: 'svc', level: 'warn' },
        },
        {
          t: T0 + 1,
          line: 'cache miss',
          labels: {
            kubernetes_namespace_name: 'shop',
            kubernetes_pod_name: 'cache-0',
            kubernetes_container_name: 'redis',
          },
        },
      ]),
    ]);
    expect(screen.getAllByTestId(IDS.source).map((s) => s.textContent)).toEqual(['pay-0/svc', 'cache-0/redis']);
    expect(screen.getAllByTestId(IDS.row)[0]).toHaveAttribute('data-level', 'warning');
  });

  it('maps Elasticsearch documents from fluent-bit and filebeat', () => {
    renderPanel([
      elasticFrame([
        {
          '@timestamp': T0,
          message: 'fluent-bit line',
          'kubernetes.namespace_name': 'shop',
          'kubernetes.pod_name': 'web-0',
          'kubernetes.container_name': 'nginx',
          level: 'error',
        },
        {
          '@timestamp': T0 + 1,
          log: 'filebeat line',
          'kubernetes.namespace': 'shop',
          'kubernetes.pod.name': 'web-1',
          'kubernetes.container.name': 'php',
          'log.level': 'debug',
        },
      ]),
    ]);
    expect(bodies()).toEqual(['fluent-bit line', 'filebeat line']);
    expect(screen.getAllByTestId(IDS.source).map((s) => s.textContent)).toEqual(['web-0/nginx', 'web-1/php']);
    expect(screen.getAllByTestId(IDS.row).map((r) => r.getAttribute('data-level'))).toEqual(['error', 'debug']);
  });

  it('sizes itself to the panel', () => {
    renderPanel([plainFrame([[T0, 'line']])]);
    expect(screen.getByTestId(IDS.root)).toHaveStyle({ width: '900px', height: '420px' });
  });

  it('ignores frames that are not logs', () => {
    renderPanel([
      elasticFrame([{ '@timestamp': T0 }]), // no text field at all
    ]);
    expect(screen.getByTestId(IDS.empty)).toBeInTheDocument();
  });
});

describe('PodLogsPanel: empty and error states', () => {
  it('says what to do when there are no lines', () => {
    renderPanel([plainFrame([])]);
    expect(screen.getByTestId(IDS.empty)).toHaveTextContent(
      'No log lines. Choose a pod or a label selector in the query, or widen the time range.'
    );
    expect(screen.queryByTestId(IDS.row)).not.toBeInTheDocument();
  });

  it('says it is loading while the first query runs', () => {
    renderPanel([], { state: LoadingState.Loading });
    expect(screen.getByTestId(IDS.empty)).toHaveTextContent('Loading log lines…');
  });

  it('shows the query errors', () => {
    renderPanel([], {
      errors: [
        { refId: 'A', message: 'pods "api-0" is forbidden' },
        { refId: 'B', data: { message: 'container "x" is not valid for pod "api-0"' } },
      ],
    });
    expect(screen.getByTestId(IDS.empty)).toHaveTextContent('The query failed:');
    expect(screen.getAllByTestId(IDS.error).map((e) => e.textContent?.trim())).toEqual([
      'pods "api-0" is forbidden',
      'container "x" is not valid for pod "api-0"',
    ]);
  });

  it('keeps showing lines above an error from part of the query', () => {
    renderPanel([kubeglanceFrame(lines(2))], { errors: [{ refId: 'B', message: 'node-3 timed out' }] });
    expect(bodies()).toEqual(['line 0', 'line 1']);
    expect(screen.getByTestId(IDS.error)).toHaveTextContent('node-3 timed out');
  });
});

describe('PodLogsPanel: search', () => {
  const frame = () =>
    kubeglanceFrame([
      { t: T0, body: 'GET /healthz 200' },
      { t: T0 + 1, body: 'GET /cart 500 Error' },
      { t: T0 + 2, body: 'POST /cart 201' },
      { t: T0 + 3, body: 'error: cart not found' },
    ]);
  it('highlights every match, case-insensitively by default', () => {
    renderPanel([frame()]);
    typeInto(search(), 'error');
    expect(marks()).toEqual(['Error', 'error']);
    expect(bodies()).toHaveLength(4);
    expect(screen.getByTestId(IDS.matchCounter)).toHaveTextContent('2 matching lines');
  });

  it('matches case when asked', () => {
    renderPanel([frame()]);
    typeInto(search(), 'Error');
    click(screen.getByTestId(IDS.caseToggle));
    expect(marks()).toEqual(['Error']);
  });

  it('shows only matching lines when asked', () => {
    renderPanel([frame()]);
    typeInto(search(), 'cart');
    click(onlyMatching());
    expect(bodies()).toEqual(['GET /cart 500 Error', 'POST /cart 201', 'error: cart not found']);
  });

  it('reads regular expressions, and keeps the last valid one when the pattern breaks', () => {
    renderPanel([frame()], { options: { defaultSearch: 'cart \\d{3}', defaultSearchRegex: true } });
    expect(screen.getByTestId(IDS.regexToggle)).toHaveAttribute('aria-pressed', 'true');
    expect(marks()).toEqual(['cart 500', 'cart 201']);

    typeInto(search(), 'cart \\d{3}(');
    expect(screen.getAllByTestId(IDS.searchError)).toHaveLength(1);
    expect(screen.getByTestId(IDS.searchError)).toHaveTextContent(
      'Invalid search: missing closing ): `cart \\d{3}(`. The last valid search stays applied.'
    );
    expect(marks()).toEqual(['cart 500', 'cart 201']);

    typeInto(search(), 'cart \\d{3}');
    expect(screen.queryByTestId(IDS.searchError)).not.toBeInTheDocument();
  });

  it('says why a backreference cannot be searched for', () => {
    renderPanel([frame()]);
    click(screen.getByTestId(IDS.regexToggle));
    typeInto(search(), '(a)\\1');
    expect(screen.getByTestId(IDS.searchError)).toHaveTextContent(
      'Invalid search: backreferences (\\1, \\k<name>) are not supported: the search uses a linear-time engine (RE2)'
    );
  });

  it('clears the search on Esc', () => {
    renderPanel([frame()]);
    typeInto(search(), 'cart');
    fireEvent.keyDown(search(), { key: 'Escape' });
    flush();
    expect(search()).toHaveValue('');
    expect(marks()).toEqual([]);
  });

  it('treats regex characters literally in text mode', () => {
    renderPanel([
      kubeglanceFrame([
        { t: T0, body: 'a.b' },
        { t: T0 + 1, body: 'axb' },
      ]),
    ]);
    typeInto(search(), 'a.b');
    expect(marks()).toEqual(['a.b']);
  });

  it('drops lines matching exclude patterns', () => {
    renderPanel([frame()]);
    const exclude = within(screen.getByTestId(IDS.exclude)).getByRole('textbox');
    for (const pattern of ['healthz', 'POST']) {
      fireEvent.change(exclude, { target: { value: pattern } });
      fireEvent.keyDown(exclude, { key: 'Enter' });
      flush();
    }
    expect(bodies()).toEqual(['GET /cart 500 Error', 'error: cart not found']);
    expect(screen.getByTestId(IDS.status)).toHaveTextContent('2 of 4 lines');
  });

  it('steps through matching lines, starting from the newest line in view', () => {
    renderPanel([frame()]);
    typeInto(search(), 'cart');
    const counter = screen.getByTestId(IDS.matchCounter);
    expect(counter).toHaveTextContent('3 matching lines');
    // every line is in view: "previous" starts at the newest match, "next" wraps to the oldest
    click(screen.getByTestId(IDS.prevMatch));
    expect(counter).toHaveTextContent('3 / 3');
    click(screen.getByTestId(IDS.prevMatch));
    expect(counter).toHaveTextContent('2 / 3');
    click(screen.getByTestId(IDS.nextMatch));
    expect(counter).toHaveTextContent('3 / 3');
    click(screen.getByTestId(IDS.nextMatch));
    expect(counter).toHaveTextContent('1 / 3');
  });

  it('keeps the toolbar in place: the match counter is laid out before a search starts', () => {
    renderPanel([frame()]);
    const counter = screen.getByTestId(IDS.matchCounter);
    expect(counter).toHaveStyle({ visibility: 'hidden' });
    typeInto(search(), 'cart');
    expect(screen.getByTestId(IDS.matchCounter)).toBe(counter);
    expect(counter).toHaveStyle({ visibility: 'visible' });
  });

  it('offers to clear filters that hide every line', () => {
    renderPanel([frame()]);
    typeInto(search(), 'nothing like this');
    click(onlyMatching());
    expect(screen.getByTestId(IDS.noMatch)).toHaveTextContent('No lines match the filters.');
    click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(bodies()).toHaveLength(4);
  });

  it('still searches text, and says why regular expressions cannot, when the worker is blocked', () => {
    failWorkerSpawn('blocked by the content security policy');
    try {
      renderPanel([frame()]);
      expect(screen.getByTestId(IDS.notice)).toHaveTextContent(
        'Filtering runs on the page: the worker could not start: blocked by the content security policy.'
      );
      typeInto(search(), 'cart');
      expect(screen.getByTestId(IDS.matchCounter)).toHaveTextContent('3 matching lines');
      click(screen.getByTestId(IDS.regexToggle));
      expect(screen.getByTestId(IDS.searchError)).toHaveTextContent(
        'regular expressions need the panel’s worker, which could not start here'
      );
    } finally {
      failWorkerSpawn(undefined);
    }
  });
});

describe('PodLogsPanel: severity and sources', () => {
  const mixed = () =>
    kubeglanceFrame([
      { t: T0, body: 'boot', level: 'info', pod: 'api-0', container: 'app' },
      { t: T0 + 1, body: 'slow', level: 'warning', pod: 'api-0', container: 'app' },
      { t: T0 + 2, body: 'boom', level: 'error', pod: 'api-1', container: 'app' },
      { t: T0 + 3, body: 'proxy up', level: 'info', pod: 'api-1', container: 'envoy' },
    ]);
  const chip = (testId: string, value: string) =>
    screen.getAllByTestId(testId).find((c) => c.getAttribute('data-value') === value)!;

  it('counts lines per level and hides a level on click, keeping its count', () => {
    renderPanel([mixed()]);
    const counts = () => screen.getAllByTestId(IDS.levelChip).map((c) => c.textContent);
    expect(counts()).toEqual(['error1', 'warning1', 'info2']);
    click(chip(IDS.levelChip, 'info'));
    expect(bodies()).toEqual(['slow', 'boom']);
    expect(chip(IDS.levelChip, 'info')).toHaveAttribute('aria-pressed', 'false');
    expect(counts()).toEqual(['error1', 'warning1', 'info2']);
    click(chip(IDS.levelChip, 'info'));
    expect(bodies()).toHaveLength(4);
  });

  it('counts levels among the lines the search leaves', () => {
    renderPanel([mixed()]);
    typeInto(search(), 'bo');
    click(onlyMatching());
    expect(screen.getAllByTestId(IDS.levelChip).map((c) => c.textContent)).toEqual(['error1', 'info1']);
  });

  it('shows and hides each pod/container', () => {
    renderPanel([mixed()]);
    expect(screen.getAllByTestId(IDS.sourceChip).map((c) => c.getAttribute('data-value'))).toEqual([
      'api-0/app',
      'api-1/app',
      'api-1/envoy',
    ]);
    click(chip(IDS.sourceChip, 'api-1/envoy'));
    expect(bodies()).toEqual(['boot', 'slow', 'boom']);
    click(chip(IDS.sourceChip, 'api-0/app'));
    expect(bodies()).toEqual(['boom']);
    click(chip(IDS.sourceChip, 'api-1/envoy'));
    expect(bodies()).toEqual(['boom', 'proxy up']);
  });

  it('collapses chips past eight pods into a menu that still hides and shows them', () => {
    renderPanel([
      kubeglanceFrame(Array.from({ length: 12 }, (_, i) => ({ t: T0 + i, body: `from ${i}`, pod: `web-${i}` }))),
    ]);
    expect(screen.getAllByTestId(IDS.sourceChip)).toHaveLength(8);
    click(screen.getByTestId(IDS.moreSources));
    expect(screen.getByTestId(IDS.moreSources)).toHaveTextContent('+4 more');
    click(within(screen.getByRole('menu')).getByText('web-11/app'));
    expect(bodies()).not.toContain('from 11');
    expect(screen.getByTestId(IDS.moreSources)).toHaveTextContent('+4 more (1 hidden)');
  });

  it('sizes the source column to the longest label and keeps the container name when it must cut', () => {
    renderPanel([
      kubeglanceFrame([
        { t: T0, body: 'a', pod: 'api-0', container: 'app' },
        { t: T0 + 1, body: 'b', pod: 'checkout-7d9f8b6c5d-x2kq9-and-a-very-long-suffix', container: 'envoy' },
      ]),
    ]);
    const sources = screen.getAllByTestId(IDS.source);
    expect(sources[0]).toHaveTextContent('api-0/app');
    expect(sources[0].style.width).toBe('40ch');
    expect(sources[1].textContent).toBe('checkout-7d9f8b6c…very-long-suffix/envoy');
    expect(sources[1].textContent!.length).toBe(40);
  });

  it('colours lines of the same pod alike and other pods differently', () => {
    renderPanel([mixed()]);
    const sources = screen.getAllByTestId(IDS.source);
    const colors = sources.map((s) => s.style.color);
    expect(colors[0]).toBe(colors[1]);
    expect(colors[2]).toBe(colors[3]);
    expect(colors[0]).not.toBe('');
    // one column width for every row: the longest label, "api-1/envoy"
    expect(sources.map((s) => s.style.width)).toEqual(['11ch', '11ch', '11ch', '11ch']);
  });

  it('hides the chips when the options say so', () => {
    renderPanel([mixed()], { options: { showLevelFilter: false, showSourceChips: false } });
    expect(screen.queryByTestId(IDS.levelChip)).not.toBeInTheDocument();
    expect(screen.queryByTestId(IDS.sourceChip)).not.toBeInTheDocument();
  });
});

describe('PodLogsPanel: follow', () => {
  const rendered = () => bodies();
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = emulateListLayout();
  });
  afterEach(() => restoreLayout());

  it('sticks to the newest line, pauses on scrolling up, counts new lines and resumes on click', () => {
    const first = lines(300);
    const view = renderPanel([kubeglanceFrame(first)], { state: LoadingState.Streaming, requestId: 'q1' });
    expect(rendered()).toContain('line 299');
    expect(rendered()).not.toContain('line 0');
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Following');

    // the reader scrolls up
    fireEvent.wheel(list(), { deltaY: -500 });
    list().scrollTop = 0;
    fireEvent.scroll(list());
    flush();
    expect(rendered()).toContain('line 0');
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Follow');

    view.update([kubeglanceFrame([...first, ...lines(5, 300)])], { state: LoadingState.Streaming });
    expect(screen.getByTestId(IDS.newLines)).toHaveTextContent('5 new lines');
    expect(rendered()).toContain('line 0');
    expect(rendered()).not.toContain('line 304');

    click(screen.getByTestId(IDS.newLines));
    expect(rendered()).toContain('line 304');
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Following');
    expect(screen.queryByTestId(IDS.newLines)).not.toBeInTheDocument();
  });

  it('keeps following while streamed lines arrive, with a search and a filter active', () => {
    const view = renderPanel([kubeglanceFrame(lines(100))], { state: LoadingState.Streaming, requestId: 'q1' });
    typeInto(search(), '9');
    const info = () => screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'info')!;
    click(info());
    click(info());
    view.update([kubeglanceFrame(lines(100, 100))], { state: LoadingState.Streaming });
    expect(rendered()).toContain('line 199');
    expect(marks()).toContain('9');
    expect(screen.getByTestId(IDS.status)).toHaveTextContent('200 lines');
  });

  it('starts at the top when following is off by default, and counts lines that arrive', () => {
    const view = renderPanel([kubeglanceFrame(lines(300))], {
      options: { followByDefault: false },
      state: LoadingState.Streaming,
      requestId: 'q1',
    });
    expect(rendered()).toContain('line 0');
    expect(rendered()).not.toContain('line 299');
    expect(screen.queryByTestId(IDS.newLines)).not.toBeInTheDocument();
    view.update([kubeglanceFrame(lines(3, 300))], { state: LoadingState.Streaming });
    expect(screen.getByTestId(IDS.newLines)).toHaveTextContent('3 new lines');
  });

  it('keeps at most the configured lines and says how many were dropped', () => {
    const view = renderPanel([kubeglanceFrame(lines(80))], {
      options: { maxLines: 50 },
      state: LoadingState.Streaming,
      requestId: 'q1',
    });
    expect(screen.getByTestId(IDS.status)).toHaveTextContent('50 lines');
    expect(screen.getByTestId(IDS.dropped)).toHaveTextContent('30 older lines dropped');
    view.update([kubeglanceFrame(lines(10, 80))], { state: LoadingState.Streaming });
    expect(screen.getByTestId(IDS.dropped)).toHaveTextContent('40 older lines dropped');
    expect(rendered()).toContain('line 89');
  });
});

describe('PodLogsPanel: virtualization', () => {
  it('renders only the rows in view for a large result', () => {
    renderPanel([kubeglanceFrame(lines(20_000))]);
    const count = screen.getAllByTestId(IDS.row).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(100);
    expect(screen.getByTestId(IDS.status)).toHaveTextContent('20,000 lines');
  });
});

describe('PodLogsPanel: timestamps', () => {
  it('switches between absolute, relative and no timestamps', () => {
    renderPanel([kubeglanceFrame([{ t: T0, body: 'x' }])]);
    expect(screen.getByTestId(IDS.time)).toHaveTextContent('2024-01-02 03:04:05.678');

    click(screen.getByRole('radio', { name: 'Ago' }));
    expect(screen.getByTestId(IDS.time)).toHaveTextContent('1m 05s ago');
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(screen.getByTestId(IDS.time)).toHaveTextContent('2m 05s ago');

    click(screen.getByRole('radio', { name: 'No time' }));
    expect(screen.queryByTestId(IDS.time)).not.toBeInTheDocument();
  });

  it('starts from the timestamps option', () => {
    renderPanel([kubeglanceFrame([{ t: T0, body: 'x' }])], { options: { timestamps: 'off' } });
    expect(screen.queryByTestId(IDS.time)).not.toBeInTheDocument();
  });
});

describe('PodLogsPanel: hostile lines', () => {
  const hostile = [
    '<script>alert("x")</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    'see \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07 now',
    '\x1b]0;pwned title\x07title set',
    '\x1b[2J\x1b[Hcleared \x1b[1Aup',
    'invoice \u202Efdp.exe',
    'isolate \u2066x\u2069',
    'nul\u0000byte',
    'zero\u200bwidth\ufeffmarks',
  ];

  it('renders markup, OSC, cursor moves, bidi controls and NUL inert', () => {
    renderPanel([plainFrame(hostile.map((line, i) => [T0 + i, line]))], { options: { timestamps: 'off' } });
    const root = screen.getByTestId(IDS.root);
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a')).toBeNull();
    expect(root.querySelector('[onerror]')).toBeNull();

    expect(bodies()).toEqual([
      '<script>alert("x")</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">click</a>',
      'see here now',
      'title set',
      'cleared up',
      'invoice ⟨U+202E⟩fdp.exe',
      'isolate ⟨U+2066⟩x⟨U+2069⟩',
      'nul⟨U+0000⟩byte',
      'zero⟨U+200B⟩width⟨U+FEFF⟩marks',
    ]);
    expect(root.textContent).not.toContain('\u202E');
    expect(root.textContent).not.toContain('evil.example');
  });

  it('renders ANSI colours as styled text', () => {
    renderPanel([plainFrame([[T0, 'status \x1b[1;31mFAILED\x1b[0m done']])]);
    const body = screen.getByTestId(IDS.body);
    expect(body).toHaveTextContent('status FAILED done');
    const failed = within(body).getByText('FAILED');
    expect(failed.style.color).not.toBe('');
    expect(failed.style.fontWeight).not.toBe('');
    expect(within(body).getByText('done', { exact: false }).style.color).toBe('');
  });
});

describe('PodLogsPanel: long and structured lines', () => {
  it('cuts long lines before reading their colours, and shows them 10,000 characters at a time', () => {
    const long = `\x1b[31m${'x'.repeat(25_000)}END`;
    renderPanel([plainFrame([[T0, long]])], { options: { timestamps: 'off' } });
    const text = () => screen.getByTestId(IDS.body).querySelector('span')!.textContent!;
    expect(text()).toHaveLength(10_000);
    expect(screen.getByTestId(IDS.expandLine)).toHaveTextContent('… 15,003 more characters (show 10,000 more)');
    click(screen.getByTestId(IDS.expandLine));
    expect(screen.getByTestId(IDS.expandLine)).toHaveTextContent('… 5,003 more characters (show)');
    click(screen.getByTestId(IDS.expandLine));
    expect(screen.queryByTestId(IDS.expandLine)).not.toBeInTheDocument();
    expect(text()).toBe(`${'x'.repeat(25_000)}END`);
  });

  it('shows a line of one 1 MB colour sequence as its text, without the sequence', () => {
    renderPanel([plainFrame([[T0, `\x1b[${'1;'.repeat(500_000)}1mafter`]])], { options: { timestamps: 'off' } });
    expect(bodies()).toEqual(['after']);
  });

  it('prettifies a JSON line on its toggle, with syntax colours, and every JSON line with the option', () => {
    const json = '{"level":"info","msg":"ready","port":8080}';
    const view = renderPanel([plainFrame([[T0, json]])]);
    expect(screen.queryByTestId(IDS.structured)).not.toBeInTheDocument();
    fireEvent.mouseEnter(screen.getByTestId(IDS.row));
    click(screen.getByTestId(IDS.structuredToggle));
    const structured = screen.getByTestId(IDS.structured);
    expect(structured.textContent).toBe(JSON.stringify(JSON.parse(json), null, 2));
    const colorOf = (text: string) => getComputedStyle(within(structured).getByText(text, { selector: 'span' })).color;
    expect(colorOf('"level"')).not.toBe(colorOf('"info"'));
    expect(colorOf('8080')).not.toBe(colorOf('"info"'));
    view.unmount();

    renderPanel([plainFrame([[T0, 'level=warn msg="disk low" free=3%']])], { options: { prettifyStructured: true } });
    expect(
      within(screen.getByTestId(IDS.structured))
        .getAllByRole('definition')
        .map((d) => d.textContent)
    ).toEqual(['warn', 'disk low', '3%']);
  });
});

describe('PodLogsPanel: long structured lines', () => {
  it('prettifies a JSON line over 64 KB in the worker, saying so while it works', () => {
    const json = JSON.stringify({ level: 'info', payload: 'p'.repeat(70 * 1024), done: true });
    renderPanel([plainFrame([[T0, json]])], { options: { timestamps: 'off' } });
    fireEvent.mouseEnter(screen.getByTestId(IDS.row));
    fireEvent.click(screen.getByTestId(IDS.structuredToggle));
    expect(screen.getByTestId(IDS.row)).toHaveTextContent('(prettifying…)');
    flush();
    expect(screen.getByTestId(IDS.structured).textContent).toBe(JSON.stringify(JSON.parse(json), null, 2));
  });
});

describe('PodLogsPanel: copy and download', () => {
  const originalCreate = URL.createObjectURL;
  const originalRevoke = URL.revokeObjectURL;
  let blobs: Blob[];

  beforeEach(() => {
    blobs = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = jest.fn();
  });
  afterEach(() => {
    URL.createObjectURL = originalCreate;
    URL.revokeObjectURL = originalRevoke;
  });

  const readBlob = (blob: Blob) =>
    new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });

  const frame = () =>
    kubeglanceFrame([
      { t: T0, body: 'ready', pod: 'api-0', container: 'app' },
      { t: T0 + 1000, body: '\x1b[31mfailed\x1b[0m', pod: 'api-1', container: 'app', level: 'error' },
    ]);

  it('downloads the visible lines as shown, with time and pod/container', async () => {
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPanel([frame()]);
    click(screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'info')!);
    click(screen.getByTestId(IDS.download));
    click(screen.getByText('Visible lines (1) as text'));
    expect(anchorClick).toHaveBeenCalled();
    // one pod's lines: the file is named after the pod
    expect((anchorClick.mock.contexts[0] as HTMLAnchorElement).download).toMatch(/^api-1-\d{8}-\d{6}\.log$/);
    await settleFloating();
    jest.useRealTimers();
    expect(await readBlob(blobs[0])).toBe('2024-01-02 03:04:06.678 api-1/app failed\n');
    anchorClick.mockRestore();
  });

  it('downloads the visible lines as JSON and as CSV', async () => {
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPanel([frame()]);
    click(screen.getByTestId(IDS.download));
    click(screen.getByText('Visible lines (2) as JSON'));
    click(screen.getByTestId(IDS.download));
    click(screen.getByText('Visible lines (2) as CSV'));
    const names = anchorClick.mock.contexts.map((a) => (a as HTMLAnchorElement).download);
    expect(names[0]).toMatch(/^Checkout-logs-\d{8}-\d{6}\.json$/);
    expect(names[1]).toMatch(/^Checkout-logs-\d{8}-\d{6}\.csv$/);
    await settleFloating();
    jest.useRealTimers();
    expect(JSON.parse(await readBlob(blobs[0])).map((r: { pod: string; level: string }) => [r.pod, r.level])).toEqual([
      ['api-0', 'info'],
      ['api-1', 'error'],
    ]);
    expect((await readBlob(blobs[1])).split('\r\n')[2]).toBe('2024-01-02T03:04:06.678Z,default,api-1,app,error,failed');
    anchorClick.mockRestore();
  });

  it('downloads all lines without timestamps when they are off', async () => {
    const anchorClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderPanel([frame()], { options: { timestamps: 'off' } });
    typeInto(search(), 'ready');
    click(onlyMatching());
    click(screen.getByTestId(IDS.download));
    click(screen.getByText('All lines (2) as text'));
    await settleFloating();
    jest.useRealTimers();
    expect(await readBlob(blobs[0])).toBe('api-0/app ready\napi-1/app failed\n');
    anchorClick.mockRestore();
  });

  it('copies a line with the clipboard API and says so on the button for a moment', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderPanel([frame()]);
    const row = screen.getAllByTestId(IDS.row)[1];
    // the row's buttons appear when it is hovered (or focused from the keyboard)
    expect(within(row).queryByTestId(IDS.copyLine)).not.toBeInTheDocument();
    fireEvent.mouseEnter(row);
    await act(async () => {
      fireEvent.click(within(row).getByTestId(IDS.copyLine));
    });
    expect(writeText).toHaveBeenCalledWith('failed');
    expect(within(row).getByTestId(IDS.copyLine)).toHaveAccessibleName('Copied');
    expect(within(row).getByRole('status')).toHaveTextContent('Copied');
    act(() => {
      jest.advanceTimersByTime(1500);
    });
    expect(within(row).getByTestId(IDS.copyLine)).toHaveAccessibleName('Copy the line');
  });
});

describe('PodLogsPanel: keyboard', () => {
  it('shows a row’s buttons when the row has keyboard focus', () => {
    renderPanel([kubeglanceFrame(lines(2))]);
    const row = screen.getAllByTestId(IDS.row)[0];
    expect(within(row).queryByTestId(IDS.copyLine)).not.toBeInTheDocument();
    act(() => row.focus());
    expect(within(row).getByTestId(IDS.copyLine)).toBeInTheDocument();
  });
});

describe('PodLogsPanel: frame notices', () => {
  it('draws the notices of the frames, once each', () => {
    const frame = kubeglanceFrame(lines(2));
    frame.meta = {
      ...frame.meta,
      notices: [
        { severity: 'warning', text: 'The 10 MB byte cap was reached: older lines of shop/api-0/app are missing' },
        { severity: 'info', text: '120 lines dropped by the line limit' },
      ],
    };
    renderPanel([frame, { ...frame, refId: 'B' }]);
    expect(screen.getAllByTestId(IDS.notice).map((n) => n.textContent?.trim())).toEqual([
      'The 10 MB byte cap was reached: older lines of shop/api-0/app are missing',
      '120 lines dropped by the line limit',
    ]);
  });
});
