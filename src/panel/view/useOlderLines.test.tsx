/*
 * "Load older lines": the panel, rendered with a logs query's result, asks the query's data source (faked
 * behind getDataSourceSrv) for the span before its oldest line and puts what is new before what it holds.
 */
import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { DataQueryRequest } from '@grafana/data';

import { PodLogsPanel } from '../PodLogsPanel';
import { PODLOGS_TEST_IDS as IDS } from '../testIds';
import {
  askedRange,
  clearFakeDataSources,
  fakeDataSource,
  type LokiLine,
  lokiFrame,
  oursFrame,
  withRequest,
} from '../testing/fakeDataSources';
import { T0, type TestLine } from '../testing/testFrames';
import { bodies, flush, panelProps, withPanelClock } from '../testing/testPanel';
import type { PodLogsOptions } from '../options';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => jest.requireActual('../testing/fakeDataSources').dataSourceSrv,
}));

withPanelClock();
afterEach(() => clearFakeDataSources());

const KUBEGLANCE = { type: 'kubeglance-kubernetes-datasource', uid: 'kg-1' };
const LOKI = { type: 'loki', uid: 'loki-1' };
const at = (s: number) => T0 + s * 1000;
const line = (s: number, body: string): TestLine => ({ t: at(s), body, pod: 'api-0', namespace: 'shop' });
const held = [line(10, 'listening on :8080'), line(11, 'GET /cart 200'), line(12, 'GET /pay 200')];

/** Our data source with this container log: a range gets the lines in it, as our logs query returns them. */
function oursWith(log: TestLine[]) {
  return fakeDataSource(KUBEGLANCE.type, KUBEGLANCE.uid, (req: DataQueryRequest) => {
    const [from, to] = askedRange(req);
    return { data: [oursFrame(log.filter((l) => l.t >= from && l.t <= to))] };
  });
}

function panelWith(options: Partial<PodLogsOptions> = {}, series = [oursFrame(held)], ref = KUBEGLANCE) {
  const props = panelProps(series, { requestId: 'Q1', options: { liveTailSeconds: 0, ...options } });
  props.data = withRequest(props.data, [{ refId: 'A', datasource: ref, queryType: 'logs', tailLines: 3 } as never]);
  const view = render(<PodLogsPanel {...props} />);
  flush();
  return view;
}

/** Clicks the bar's button and lets the query's promises settle and the engine answer. */
async function loadOlder() {
  await act(async () => {
    fireEvent.click(olderButton()!);
    for (let i = 0; i < 20; i++) {
      await Promise.resolve();
    }
  });
  flush();
}

const note = () => screen.getByTestId(IDS.olderLinesNote).textContent;
/** the bar's button (getByRole would walk the whole accessibility tree: slow on a busy machine) */
const olderButton = () => screen.getByTestId(IDS.olderLines).querySelector('button');

describe('load older lines', () => {
  it('asks our logs query for the span before the oldest line and puts the new lines first', async () => {
    const ours = oursWith([
      line(5, 'starting'),
      line(8, 'config loaded'),
      line(10, 'listening on :8080'),
      ...held.slice(1),
    ]);
    panelWith();
    expect(olderButton()).toHaveTextContent('Load older lines');
    await loadOlder();

    expect(ours.requests).toHaveLength(1);
    const [from, to] = askedRange(ours.requests[0]);
    // up to the oldest line held (its millisecond included), over as long as the lines held span, at least a minute
    expect(to).toBe(at(10));
    expect(from).toBe(at(10) - 60_000);
    // tailLines would ignore the range: the earlier query reads the range instead, without live
    expect(ours.requests[0].targets[0]).toMatchObject({
      refId: 'A',
      queryType: 'logs',
      tailLines: undefined,
      live: false,
    });
    // the line at the boundary, held already, is not added again
    expect(bodies()).toEqual(['starting', 'config loaded', ...held.map((l) => l.body)]);
    expect(screen.getByTestId(IDS.status)).toHaveTextContent('5 lines');
  });

  it("says when there is nothing before, naming the pod log API's limit, and then looks further back", async () => {
    const ours = oursWith(held);
    panelWith();
    await loadOlder();
    expect(olderButton()).toHaveTextContent('Look further back');
    expect(note()).toContain('No lines between');
    expect(note()).toContain("The pod log API keeps a container's log since it started");
    expect(bodies()).toEqual(held.map((l) => l.body));

    await loadOlder();
    // the second look ends where the first began
    expect(askedRange(ours.requests[1])[1]).toBe(askedRange(ours.requests[0])[0]);
  });

  it('adds only as many as maxLines leaves room for, the newest of them, and then says the panel is full', async () => {
    oursWith([line(1, 'one'), line(2, 'two'), line(3, 'three'), line(4, 'four'), ...held]);
    panelWith({ maxLines: 5 });
    await loadOlder();
    expect(bodies()).toEqual(['three', 'four', ...held.map((l) => l.body)]);
    expect(screen.queryByTestId(IDS.dropped)).not.toBeInTheDocument();
    expect(note()).toBe('The panel holds its maximum of 5 lines: raise "Max lines kept" to load older ones.');
    expect(olderButton()).toBeNull();
  });

  it('loads older Loki lines by the range, recognising the boundary line by its id', async () => {
    const before: LokiLine[] = [{ t: at(3), line: 'earlier' }];
    const boundary: LokiLine = { t: at(10), line: 'oldest held' };
    const loki = fakeDataSource(LOKI.type, LOKI.uid, () => ({ data: [lokiFrame([boundary, ...before])] }));
    panelWith({}, [lokiFrame([boundary, { t: at(11), line: 'newest held' }], 'A')], LOKI);
    await loadOlder();
    // Loki keeps the query's range: the dashboard's span (six hours) before the oldest line
    const [from, to] = askedRange(loki.requests[0]);
    expect(to - from).toBe(6 * 3600_000);
    // newest first: the lines nearest those held when the span holds more than the query's limit
    expect(loki.requests[0].targets[0]).toMatchObject({ tailLines: 3, direction: 'backward' });
    expect(bodies()).toEqual(['earlier', 'oldest held', 'newest held']);
  });

  it("passes on the data source's notice about the earlier span, such as a byte cap", async () => {
    const cut = 'Cut at 64 KiB per container for shop/api-0/app: the log goes on after the last line shown.';
    fakeDataSource(KUBEGLANCE.type, KUBEGLANCE.uid, () => {
      const frame = oursFrame([line(2, 'early')]);
      return { data: [{ ...frame, meta: { ...frame.meta, notices: [{ severity: 'warning', text: cut }] } }] };
    });
    panelWith();
    await loadOlder();
    expect(bodies()).toEqual(['early', ...held.map((l) => l.body)]);
    expect(screen.getByTestId(IDS.notice)).toHaveTextContent(`Older lines: ${cut}`);
  });

  it('shows a failed load in the bar and keeps every line', async () => {
    fakeDataSource(KUBEGLANCE.type, KUBEGLANCE.uid, () => new Error('pods "api-0" is forbidden'));
    panelWith();
    await loadOlder();
    expect(note()).toBe('Could not load older lines: pods "api-0" is forbidden');
    expect(bodies()).toEqual(held.map((l) => l.body));
    // said once, in the bar
    expect(screen.queryByTestId(IDS.notice)).not.toBeInTheDocument();
  });

  it('offers nothing for queries it cannot run over an earlier range', () => {
    fakeDataSource('prometheus', 'prom-1');
    panelWith({}, [oursFrame(held)], { type: 'prometheus', uid: 'prom-1' });
    expect(screen.queryByTestId(IDS.olderLines)).not.toBeInTheDocument();
  });

  it('sits below the list when newest lines come first', () => {
    oursWith(held);
    panelWith({ sortOrder: 'newestFirst' });
    const bar = screen.getByTestId(IDS.olderLines);
    const list = screen.getByTestId(IDS.list);
    expect(list.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
