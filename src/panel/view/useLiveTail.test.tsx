/*
 * Live tail for Loki and Elasticsearch: the panel, rendered with a Loki query's result and a fake Loki behind
 * getDataSourceSrv, re-queries it on jest's fake clock. What a reader checks: new lines appear once, in order;
 * nothing is asked while paused, unmounted or looking at a past range; a failing query says so and loses nothing.
 */
import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { dateTime, type DataQueryRequest, type PanelData } from '@grafana/data';

import { PodLogsPanel } from '../PodLogsPanel';
import { PODLOGS_TEST_IDS as IDS } from '../testIds';
import {
  askedRange,
  clearFakeDataSources,
  dataSourceSrv,
  fakeDataSource,
  type LokiLine,
  lokiFrame,
  withRequest,
} from '../testing/fakeDataSources';
import { T0 } from '../testing/testFrames';
import { bodies, flush, panelProps, withPanelClock } from '../testing/testPanel';
import type { PodLogsOptions } from '../options';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => jest.requireActual('../testing/fakeDataSources').dataSourceSrv,
}));

withPanelClock();
afterEach(() => clearFakeDataSources());

const LOKI = { type: 'loki', uid: 'loki-1' };
const at = (s: number) => T0 + s * 1000;
const held: LokiLine[] = [
  { t: at(0), line: 'GET /cart 200' },
  { t: at(1), line: 'GET /pay 200' },
  { t: at(2), line: 'POST /order 201' },
];

/** Loki with these lines: a query returns those in its range, the edges included, newest first as Loki does. */
function lokiWith(lines: () => LokiLine[]) {
  return fakeDataSource(LOKI.type, LOKI.uid, (req: DataQueryRequest) => {
    const [from, to] = askedRange(req);
    const inRange = lines().filter((l) => l.t >= from && l.t <= to);
    return { data: [lokiFrame([...inRange].reverse())] };
  });
}

function panelWith(
  options: Partial<PodLogsOptions> = {},
  edit: (d: PanelData) => PanelData = (d) => d,
  targets = [{ refId: 'B', datasource: LOKI }]
) {
  const props = panelProps([lokiFrame(held)], { requestId: 'Q1', options });
  props.data = edit(withRequest(props.data, targets));
  const view = render(<PodLogsPanel {...props} />);
  flush();
  return { ...view, props };
}

/** Lets the clock run `ms` and the re-query's promises settle, then the panel's engine answer. */
async function wait(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
    for (let i = 0; i < 20; i++) {
      await Promise.resolve();
    }
  });
  flush();
}

describe('live tail', () => {
  it('re-queries Loki from the newest line to now every few seconds and adds only the new lines', async () => {
    const lines = [...held];
    const loki = lokiWith(() => lines);
    panelWith({ liveTailSeconds: 5 });
    expect(bodies()).toEqual(held.map((l) => l.line));

    // a line in the same millisecond as the newest one held, and a later one
    lines.push({ t: at(2), line: 'POST /order 500' }, { t: at(6), line: 'GET /cart 304' });
    await wait(5000);
    expect(loki.requests).toHaveLength(1);
    const [from, to] = askedRange(loki.requests[0]);
    expect(from).toBe(at(2));
    // up to now: the clock when the timer fired, 5 s after the panel started tailing
    expect(to).toBeGreaterThanOrEqual(at(65) + 5000);
    expect(to).toBeLessThanOrEqual(Date.now());
    expect(loki.requests[0].targets.map((t) => t.refId)).toEqual(['B']);
    expect(bodies()).toEqual([...held.map((l) => l.line), 'POST /order 500', 'GET /cart 304']);

    // the next query starts at the newest line now held; the edge line comes back and is not added twice
    lines.push({ t: at(9), line: 'GET /healthz 200' });
    await wait(5000);
    expect(askedRange(loki.requests[1])[0]).toBe(at(6));
    expect(bodies()).toEqual([...held.map((l) => l.line), 'POST /order 500', 'GET /cart 304', 'GET /healthz 200']);
    expect(screen.getByTestId(IDS.status)).toHaveTextContent('6 lines');
  });

  it('asks Loki oldest first, so a burst larger than the line limit is caught up over the next polls', async () => {
    const lines = [...held];
    const LIMIT = 4;
    const loki = fakeDataSource(LOKI.type, LOKI.uid, (req) => {
      const [from, to] = askedRange(req);
      const inRange = lines.filter((l) => l.t >= from && l.t <= to);
      const forward = (req.targets[0] as { direction?: string }).direction === 'forward';
      return { data: [lokiFrame(forward ? inRange.slice(0, LIMIT) : inRange.slice(-LIMIT))] };
    });
    panelWith({ liveTailSeconds: 5 });
    const burst = [3, 4, 5, 6, 7].map((s) => ({ t: at(s), line: `burst ${s}` }));
    lines.push(...burst);
    // five new lines and the edge line again: four come at the first poll, the rest at the second
    await wait(5000);
    await wait(5000);
    expect((loki.requests[0].targets[0] as { direction?: string }).direction).toBe('forward');
    expect(bodies()).toEqual([...held, ...burst].map((l) => l.line));
  });

  it("does not add again the dashboard's lines that arrived after tailing began", async () => {
    const lines = [...held];
    const loki = fakeDataSource(LOKI.type, LOKI.uid, () => ({ data: [lokiFrame(lines)] }));
    const props = panelProps([], { requestId: 'Q1', options: { liveTailSeconds: 5 } });
    props.data = withRequest(props.data, [{ refId: 'B', datasource: LOKI }]);
    const view = render(<PodLogsPanel {...props} />);
    flush();
    // the same query's result comes in while the panel is already tailing
    view.rerender(<PodLogsPanel {...props} data={{ ...props.data, series: [lokiFrame(held)] }} />);
    flush();
    lines.push({ t: at(3), line: 'GET /new 200' });
    await wait(5000);
    expect(loki.requests).toHaveLength(1);
    expect(bodies()).toEqual([...held.map((l) => l.line), 'GET /new 200']);
  });

  it('asks a failing data source again from its own newest line while another goes on', async () => {
    const lokiLines = [...held];
    let lokiDown = true;
    const loki = fakeDataSource(LOKI.type, LOKI.uid, (req) => {
      const [from] = askedRange(req);
      return lokiDown ? new Error('Loki is down') : { data: [lokiFrame(lokiLines.filter((l) => l.t >= from))] };
    });
    const other = fakeDataSource('loki', 'loki-2', (req) => {
      const [from] = askedRange(req);
      return {
        data: [
          lokiFrame(
            [{ t: at(66), line: 'from the other Loki', pod: 'web-0' }].filter((l) => l.t >= from),
            'C'
          ),
        ],
      };
    });
    panelWith({ liveTailSeconds: 5 }, undefined, [
      { refId: 'B', datasource: LOKI },
      { refId: 'C', datasource: { type: 'loki', uid: 'loki-2' } },
    ]);
    lokiLines.push({ t: at(4), line: 'GET /while-down 200' });
    await wait(5000);
    expect(bodies()).toContain('from the other Loki');
    lokiDown = false;
    await wait(5000);
    // the failed one starts again from its newest line (2 s), not the other's (66 s)
    expect(askedRange(loki.requests[1])[0]).toBe(at(2));
    expect(askedRange(other.requests[1])[0]).toBe(at(66));
    expect(bodies()).toEqual([...held.map((l) => l.line), 'GET /while-down 200', 'from the other Loki']);
  });

  it('tails Elasticsearch the same way, and leaves our own (streaming) logs query alone', async () => {
    const es = fakeDataSource('elasticsearch', 'es-1');
    const ours = fakeDataSource('kubeglance-kubernetes-datasource', 'kg-1');
    panelWith({ liveTailSeconds: 2 }, undefined, [
      { refId: 'B', datasource: { type: 'elasticsearch', uid: 'es-1' } },
      { refId: 'A', datasource: { type: 'kubeglance-kubernetes-datasource', uid: 'kg-1' } },
    ]);
    await wait(2000);
    expect(es.requests).toHaveLength(1);
    expect(ours.requests).toHaveLength(0);
  });

  it('knows a target by its uid when its ref has no type', async () => {
    const loki = lokiWith(() => held);
    panelWith({ liveTailSeconds: 5 }, undefined, [{ refId: 'B', datasource: { uid: LOKI.uid } as typeof LOKI }]);
    await wait(5000);
    expect(loki.requests).toHaveLength(1);
  });

  it('asks nothing while following is paused, and goes on from the newest line when it resumes', async () => {
    const lines = [...held];
    const loki = lokiWith(() => lines);
    panelWith({ liveTailSeconds: 5 });
    // the status bar says the tail runs, and when it is paused
    expect(screen.getByTestId(IDS.liveTail)).toHaveTextContent('Live tail: every 5 s');
    fireEvent.click(screen.getByTestId(IDS.follow));
    flush();
    expect(screen.getByTestId(IDS.follow)).toHaveTextContent('Follow');
    expect(screen.getByTestId(IDS.liveTail)).toHaveTextContent('Live tail paused');
    lines.push({ t: at(7), line: 'GET /late 200' });
    await wait(20_000);
    expect(loki.requests).toHaveLength(0);

    fireEvent.click(screen.getByTestId(IDS.follow));
    flush();
    await wait(5000);
    expect(loki.requests).toHaveLength(1);
    expect(askedRange(loki.requests[0])[0]).toBe(at(2));
    expect(bodies()).toContain('GET /late 200');
  });

  it('stops when the panel is removed', async () => {
    const loki = lokiWith(() => held);
    const view = panelWith({ liveTailSeconds: 5 });
    await wait(5000);
    expect(loki.requests).toHaveLength(1);
    view.unmount();
    await wait(20_000);
    expect(loki.requests).toHaveLength(1);
  });

  it('asks nothing when the dashboard shows a past range, or when the option is 0', async () => {
    const loki = lokiWith(() => held);
    const past = { from: dateTime(at(-3600)), to: dateTime(at(10)), raw: { from: 'now-2h', to: 'now-1h' } };
    const view = panelWith({ liveTailSeconds: 5 }, (d) => withRequest(d, d.request!.targets, past));
    await wait(20_000);
    expect(screen.getByTestId(IDS.liveTail)).toHaveTextContent('Live tail off: the time range does not end now');
    view.unmount();
    panelWith({ liveTailSeconds: 0 });
    await wait(20_000);
    expect(loki.requests).toHaveLength(0);
    // turned off: nothing to say
    expect(screen.queryByTestId(IDS.liveTail)).not.toBeInTheDocument();
  });

  it('shows a failed query as a notice, keeps the lines, and asks again from the same line', async () => {
    const lines = [...held];
    let down = true;
    const loki = fakeDataSource(LOKI.type, LOKI.uid, (req) => {
      if (down) {
        return new Error('Loki: too many outstanding requests');
      }
      const [from] = askedRange(req);
      return { data: [lokiFrame(lines.filter((l) => l.t >= from))] };
    });
    panelWith({ liveTailSeconds: 5 });
    lines.push({ t: at(4), line: 'GET /retry 200' });
    await wait(5000);
    expect(screen.getByTestId(IDS.notice)).toHaveTextContent(
      'Live tail: Loki: too many outstanding requests. Trying again in 5 s from the newest line held.'
    );
    expect(bodies()).toEqual(held.map((l) => l.line));

    down = false;
    await wait(5000);
    expect(askedRange(loki.requests[1])[0]).toBe(at(2));
    expect(bodies()).toEqual([...held.map((l) => l.line), 'GET /retry 200']);
    expect(screen.queryByTestId(IDS.notice)).not.toBeInTheDocument();
  });
});

// the mock above hands out this object: make sure the tests' fake is the one the panel sees
test('the fake data source service is the one the panel reaches', () => {
  expect(jest.requireMock('@grafana/runtime').getDataSourceSrv()).toBe(dataSourceSrv);
});
