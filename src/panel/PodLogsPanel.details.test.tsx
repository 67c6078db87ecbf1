/*
 * Log details, the filters they add, displayed fields, context and marker rows, as a reader uses them: click a
 * line (or Enter on it), act from the details pane, read the list. The engine answers under fake timers (flush).
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';

import { failWorkerSpawn } from './engine/spawnWorker.stub';
import { PODLOGS_TEST_IDS as IDS } from './testIds';
import { elasticFrame, kubeglanceFrame, lokiDataplaneFrame, T0, type TestLine } from './testing/testFrames';
import { bodies, click, flush, renderPanel, withPanelClock } from './testing/testPanel';

withPanelClock();

const at = (i: number) => T0 + i * 1000;
const SHOP: TestLine[] = [
  { t: at(0), body: '{"msg":"cart opened","user":"amy","status":200}', pod: 'api-0' },
  { t: at(1), body: 'msg=paid user=bob status=500', pod: 'api-1', level: 'error' },
  { t: at(2), body: 'plain text line', pod: 'api-0' },
  { t: at(3), body: '{"msg":"cart closed","user":"bob","status":200}', pod: 'api-0' },
];

const rowOf = (text: string) => screen.getAllByTestId(IDS.row).find((r) => r.textContent?.includes(text))!;
const pane = () => screen.getByTestId(IDS.details);
const detailsRows = (id: string) =>
  within(pane())
    .queryAllByTestId(id)
    .map((r) => [r.getAttribute('data-key'), r.querySelector('td')?.textContent]);
const chips = () => screen.queryAllByTestId(IDS.fieldFilterChip).map((c) => c.getAttribute('data-value'));
/** A button of the details pane by its accessible name (aria-label, or its text). */
const inPane = (name: string) =>
  within(pane()).queryByLabelText(name) ?? within(pane()).getByText(name).closest('button')!;

describe('PodLogsPanel: log details', () => {
  it('opens on a click on a line, listing its JSON fields and its labels, and closes again', () => {
    renderPanel([kubeglanceFrame(SHOP)]);
    expect(screen.queryByTestId(IDS.details)).not.toBeInTheDocument();
    click(rowOf('cart opened'));
    expect(detailsRows(IDS.detailsField)).toEqual([
      ['msg', 'cart opened'],
      ['user', 'amy'],
      ['status', '200'],
    ]);
    expect(detailsRows(IDS.detailsLabel)).toEqual([
      ['level', 'info'],
      ['namespace', 'default'],
      ['pod', 'api-0'],
      ['container', 'app'],
      ['node', 'node-1'],
    ]);
    click(inPane('Close the log details'));
    expect(screen.queryByTestId(IDS.details)).not.toBeInTheDocument();
  });

  it('opens the line clicked even after older lines were dropped while it stayed drawn', () => {
    // 6 lines held at most: each update drops the oldest, so every held line moves up in the store, while the
    // rows already drawn are not drawn again (they are keyed by their line, view/LogRow.tsx)
    const line = (i: number): TestLine => ({ t: at(i), body: `{"msg":"line ${i}","n":${i}}`, pod: 'api-0' });
    const view = renderPanel([kubeglanceFrame([0, 1, 2, 3].map(line))], {
      options: { maxLines: 6 },
      state: LoadingState.Streaming,
      requestId: 'q1',
    });
    view.update([kubeglanceFrame([4, 5, 6, 7].map(line))], { state: LoadingState.Streaming });
    expect(screen.getByTestId(IDS.dropped)).toHaveTextContent('2 older lines dropped');
    click(rowOf('line 5'));
    expect(detailsRows(IDS.detailsField)).toEqual([
      ['msg', 'line 5'],
      ['n', '5'],
    ]);
    view.update([kubeglanceFrame([8, 9].map(line))], { state: LoadingState.Streaming });
    click(inPane('Close the log details'));
    click(rowOf('line 7'));
    expect(detailsRows(IDS.detailsField)).toEqual([
      ['msg', 'line 7'],
      ['n', '7'],
    ]);
  });

  it('reads logfmt fields, and says a plain line has none', () => {
    renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('msg=paid'));
    expect(detailsRows(IDS.detailsField)).toEqual([
      ['msg', 'paid'],
      ['user', 'bob'],
      ['status', '500'],
    ]);
    click(rowOf('plain text line'));
    expect(detailsRows(IDS.detailsField)).toEqual([]);
    expect(pane()).toHaveTextContent('This line is not JSON or logfmt, so it has no fields.');
  });

  it('is reachable from the keyboard: Enter on a focused line, or its details button; Escape closes', () => {
    renderPanel([kubeglanceFrame(SHOP)]);
    const row = rowOf('plain text line');
    act(() => row.focus());
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(pane()).toHaveTextContent('This line is not JSON or logfmt');
    expect(within(pane()).getByLabelText('Close the log details')).toHaveFocus();
    fireEvent.keyDown(pane(), { key: 'Escape' });
    expect(screen.queryByTestId(IDS.details)).not.toBeInTheDocument();

    flush();
    act(() => rowOf('cart closed').focus());
    const button = within(rowOf('cart closed')).getByTestId(IDS.detailsButton);
    expect(button).toHaveAccessibleName('Show the log details');
    click(button);
    expect(detailsRows(IDS.detailsField)[0]).toEqual(['msg', 'cart closed']);
    // focus moved into the details; hovering the line shows its button pressed
    fireEvent.mouseEnter(rowOf('cart closed'));
    expect(within(rowOf('cart closed')).getByTestId(IDS.detailsButton)).toHaveAttribute('aria-expanded', 'true');
  });

  it('draws values as text, never as HTML', () => {
    renderPanel([kubeglanceFrame([{ t: at(0), body: '{"msg":"<img src=x onerror=alert(1)>"}' }])]);
    click(rowOf('onerror'));
    expect(detailsRows(IDS.detailsField)).toEqual([['msg', '<img src=x onerror=alert(1)>']]);
    expect(pane().querySelector('img')).toBeNull();
  });

  it('copies a value', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('msg=paid'));
    await act(async () => {
      fireEvent.click(inPane('Copy the value of user'));
    });
    expect(writeText).toHaveBeenLastCalledWith('bob');
    expect(within(pane()).getByRole('status')).toHaveTextContent('Copied the value of user');
  });

  it('copies the whole line', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('msg=paid'));
    await act(async () => {
      fireEvent.click(inPane('Copy line'));
    });
    expect(writeText).toHaveBeenLastCalledWith('msg=paid user=bob status=500');
  });
});

describe('PodLogsPanel: filters from the details', () => {
  it('filters for a field value, JSON and logfmt alike, with a chip that removes the filter', () => {
    renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('cart closed'));
    click(inPane('Filter for user = bob'));
    expect(bodies()).toEqual(['msg=paid user=bob status=500', '{"msg":"cart closed","user":"bob","status":200}']);
    expect(chips()).toEqual(['user = bob']);
    click(screen.getByLabelText('Remove the filter on field user = bob'));
    expect(bodies()).toHaveLength(4);
    expect(chips()).toEqual([]);
  });

  it('filters a field value out, keeping lines without the field', () => {
    renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('cart opened'));
    click(inPane('Filter out status = 200'));
    expect(bodies()).toEqual(['msg=paid user=bob status=500', 'plain text line']);
    expect(chips()).toEqual(['status ≠ 200']);
    // "Clear filters" clears these too
    click(inPane('Filter out status = 200'));
    click(screen.getByLabelText('Remove the filter on field status ≠ 200'));
    expect(bodies()).toHaveLength(4);
  });

  it('maps a pod filter to the pod/container chips and a level filter to the level chips', () => {
    renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('msg=paid'));
    click(inPane('Filter for pod = api-1'));
    expect(bodies()).toEqual(['msg=paid user=bob status=500']);
    const chip = (label: string) =>
      screen.getAllByTestId(IDS.sourceChip).find((c) => c.getAttribute('data-value') === label)!;
    expect(chip('api-0/app')).toHaveAttribute('aria-pressed', 'false');
    expect(chip('api-1/app')).toHaveAttribute('aria-pressed', 'true');
    click(chip('api-0/app'));
    expect(bodies()).toHaveLength(4);

    click(inPane('Filter out level = error'));
    expect(bodies()).not.toContain('msg=paid user=bob status=500');
    const error = screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'error')!;
    expect(error).toHaveAttribute('aria-pressed', 'false');
  });

  it('filters whole streams by another label (a Loki stream label)', () => {
    const labels = (stream: string) => ({ namespace: 'shop', pod: 'api-0', container: 'app', stream });
    renderPanel([
      lokiDataplaneFrame([
        { t: at(0), line: 'to stdout', labels: labels('stdout') },
        { t: at(1), line: 'to stderr', labels: labels('stderr') },
        { t: at(2), line: 'stdout again', labels: labels('stdout') },
      ]),
    ]);
    click(rowOf('to stderr'));
    expect(detailsRows(IDS.detailsLabel)).toContainEqual(['stream', 'stderr']);
    click(inPane('Filter out stream = stderr'));
    expect(bodies()).toEqual(['to stdout', 'stdout again']);
    expect(chips()).toEqual(['stream ≠ stderr']);
    click(screen.getByLabelText('Remove the filter on label stream ≠ stderr'));
    expect(bodies()).toHaveLength(3);
  });

  it('keeps only the stream asked for, so documents without stream labels (Elasticsearch) go too', () => {
    const labels = (stream: string) => ({ namespace: 'shop', pod: 'api-0', container: 'app', stream });
    renderPanel([
      lokiDataplaneFrame([
        { t: at(0), line: 'to stdout', labels: labels('stdout') },
        { t: at(2), line: 'to stderr', labels: labels('stderr') },
      ]),
      elasticFrame([{ '@timestamp': at(1), message: 'an indexed document', 'kubernetes.pod.name': 'api-0' }]),
    ]);
    expect(bodies()).toEqual(['to stdout', 'an indexed document', 'to stderr']);
    click(rowOf('to stdout'));
    click(inPane('Filter for stream = stdout'));
    expect(bodies()).toEqual(['to stdout']);
    click(screen.getByLabelText('Remove the filter on label stream = stdout'));
    // filtering a stream out keeps the document, which is in no stream
    click(rowOf('to stderr'));
    click(inPane('Filter out stream = stderr'));
    expect(bodies()).toEqual(['to stdout', 'an indexed document']);
  });

  it('filters fields on the page too, when the worker cannot start', () => {
    failWorkerSpawn('blocked');
    try {
      renderPanel([kubeglanceFrame(SHOP)]);
      click(rowOf('cart opened'));
      click(inPane('Filter for status = 200'));
      expect(bodies()).toEqual([
        '{"msg":"cart opened","user":"amy","status":200}',
        '{"msg":"cart closed","user":"bob","status":200}',
      ]);
    } finally {
      failWorkerSpawn(undefined);
    }
  });
});

describe('PodLogsPanel: displayed fields', () => {
  it('saves "show this field" from the details in the panel options', () => {
    const { props } = renderPanel([kubeglanceFrame(SHOP)]);
    click(rowOf('cart opened'));
    click(inPane('Show msg instead of the line'));
    expect(props.onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ displayedFields: ['msg'] }));
  });

  it('shows the saved fields instead of the line, and whole lines that have none of them', () => {
    renderPanel([kubeglanceFrame(SHOP)], { options: { displayedFields: ['msg', 'pod'] } });
    expect(screen.getAllByTestId(IDS.displayedFields).map((d) => d.textContent)).toEqual([
      'msg=cart opened pod=api-0',
      'msg=paid pod=api-1',
      'pod=api-0',
      'msg=cart closed pod=api-0',
    ]);
    renderPanel([kubeglanceFrame([{ t: at(0), body: 'plain text line' }])], {
      options: { displayedFields: ['user'] },
    });
    expect(bodies().at(-1)).toBe('plain text line');
  });

  it('lists the fields seen in the buffer and the labels in the field selector', () => {
    const { props } = renderPanel([kubeglanceFrame(SHOP)]);
    click(screen.getByTestId(IDS.fieldSelector));
    const dialog = screen.getByLabelText('Choose displayed fields');
    // each entry is a checkbox labelled with the name
    const names = (list: string) =>
      Array.from(within(dialog).getByLabelText(list).querySelectorAll('li')).map((li) => {
        expect(li.querySelector('input[type="checkbox"]')).not.toBeNull();
        return li.textContent;
      });
    expect(names('Fields')).toEqual(['msg', 'status', 'user']);
    expect(names('Labels')).toEqual(['container', 'namespace', 'node', 'pod']);
    fireEvent.click(within(dialog).getByLabelText('user'));
    expect(props.onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ displayedFields: ['user'] }));
  });

  it('shows the saved choice in the field selector, which can go back to whole lines', () => {
    const { props } = renderPanel([kubeglanceFrame(SHOP)], { options: { displayedFields: ['user'] } });
    click(screen.getByTestId(IDS.fieldSelector));
    expect(screen.getByTestId(IDS.fieldSelector)).toHaveTextContent('Fields (1)');
    expect(within(screen.getByLabelText('Choose displayed fields')).getByLabelText('user')).toBeChecked();
    fireEvent.click(screen.getByText('Whole lines').closest('button')!);
    expect(props.onOptionsChange).toHaveBeenLastCalledWith(expect.objectContaining({ displayedFields: [] }));
    // a press elsewhere closes the list
    fireEvent.mouseDown(screen.getByTestId(IDS.list));
    expect(screen.queryByLabelText('Choose displayed fields')).not.toBeInTheDocument();
  });
});

describe('PodLogsPanel: context', () => {
  const busy: TestLine[] = Array.from({ length: 26 }, (_, i) => ({
    t: at(i),
    body: `${i % 2 ? 'web' : 'api'} line ${i >> 1}`,
    pod: i % 2 ? 'web-0' : 'api-0',
  }));
  const contextLines = () => screen.getAllByTestId(IDS.contextLine).map((l) => l.textContent);

  it('shows the lines of the same pod around the line, ignoring the filters, with the line marked', () => {
    renderPanel([kubeglanceFrame(busy)]);
    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'api line 11' } });
    click(within(screen.getByTestId(IDS.onlyMatching).closest('div')!).getByRole('switch'));
    expect(bodies()).toEqual(['api line 11']);
    click(rowOf('api line 11'));
    click(inPane('Context'));
    const view = screen.getByTestId(IDS.context);
    expect(view).toHaveAccessibleName('Context of a line from api-0/app');
    const shown = contextLines();
    // ten before, the line, and the one line of api-0 after it
    expect(shown).toHaveLength(12);
    expect(shown.every((l) => l?.includes('api line'))).toBe(true);
    expect(shown[0]).toMatch(/api line 1$/);
    expect(shown[11]).toContain('api line 12');
    const marked = within(view)
      .getAllByTestId(IDS.contextLine)
      .find((l) => l.getAttribute('aria-current'));
    expect(marked).toHaveTextContent('api line 11');
    // the buffer ends after api line 12
    expect(view).toHaveTextContent('No later lines of api-0/app in the panel.');

    click(within(view).getByText('10 more before').closest('button')!);
    expect(contextLines()[0]).toContain('api line 0');
    expect(view).toHaveTextContent('No earlier lines of api-0/app in the panel.');

    fireEvent.keyDown(view, { key: 'Escape' });
    expect(screen.queryByTestId(IDS.context)).not.toBeInTheDocument();
    expect(bodies()).toEqual(['api line 11']);
  });
});

describe('PodLogsPanel: marker rows', () => {
  const withMarkers: TestLine[] = [
    { t: at(0), body: '{"msg":"starting","user":"amy"}' },
    { t: at(1), body: 'app restarted: OOMKilled, exit 137', level: 'error', marker: 'restart' },
    { t: at(2), body: 'Pulled: image "shop/api:1.2" already present', level: 'info', marker: 'event' },
    { t: at(3), body: '{"msg":"ready","user":"bob"}' },
  ];
  const markers = () => screen.queryAllByTestId(IDS.marker).map((m) => [m.getAttribute('data-marker'), m.textContent]);

  it('draws restart markers and events as bands saying what they are, not as log lines', () => {
    renderPanel([kubeglanceFrame(withMarkers)]);
    expect(bodies()).toEqual(['{"msg":"starting","user":"amy"}', '{"msg":"ready","user":"bob"}']);
    expect(markers()).toEqual([
      ['restart', expect.stringMatching(/^Restart.*app restarted: OOMKilled, exit 137$/)],
      ['event', expect.stringMatching(/^Event.*Pulled: image "shop\/api:1.2" already present$/)],
    ]);
    const restart = screen.getAllByTestId(IDS.marker)[0];
    expect(restart).toHaveAttribute('data-level', 'error');
    // opens its details like a line, saying where it came from
    click(restart);
    expect(pane()).toHaveTextContent('the container restarted here');
    expect(detailsRows(IDS.detailsLabel)).toContainEqual(['marker', 'restart']);
  });

  it('passes the level filter by its own level', () => {
    renderPanel([kubeglanceFrame(withMarkers)]);
    click(screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'error')!);
    expect(markers().map((m) => m[0])).toEqual(['event']);
    expect(bodies()).toHaveLength(2);
  });

  it('stays through field filters and a search that leaves no line', () => {
    renderPanel([kubeglanceFrame(withMarkers)]);

    click(rowOf('ready'));
    click(inPane('Filter for user = bob'));
    expect(bodies()).toEqual(['{"msg":"ready","user":"bob"}']);
    expect(markers().map((m) => m[0])).toEqual(['restart', 'event']);

    fireEvent.change(screen.getByTestId(IDS.search), { target: { value: 'nothing like this' } });
    click(within(screen.getByTestId(IDS.onlyMatching).closest('div')!).getByRole('switch'));
    expect(bodies()).toEqual([]);
    expect(markers().map((m) => m[0])).toEqual(['restart', 'event']);
  });

  it('can be hidden with a filter on the marker label', () => {
    renderPanel([kubeglanceFrame(withMarkers)]);
    click(screen.getAllByTestId(IDS.marker)[1]);
    click(inPane('Filter out marker = event'));
    expect(markers().map((m) => m[0])).toEqual(['restart']);
  });
});
