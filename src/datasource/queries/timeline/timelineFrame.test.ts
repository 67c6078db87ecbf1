import { createTheme, DataTopic, FieldType, getDisplayProcessor } from '@grafana/data';

import { groupFrame, laneFrames, marksFrame, STATE_MAPPINGS } from './timelineFrame';
import { Lane, Span } from './timelineTypes';

const theme = createTheme();
/** the colour Grafana's display processor gives a value under the timeline's mappings */
const colour = (value: string) =>
  getDisplayProcessor({
    field: { type: FieldType.string, config: { mappings: STATE_MAPPINGS } },
    theme,
  })(value).color;
const named = (name: string) => theme.visualization.getColorByName(name);

const W = { fromMs: 1000, toMs: 10_000 };
const api = (startMs: number, state: string | null): Span => ({ startMs, state, source: 'api' });

function lane(group: string, label: string, spans: Span[]): Lane {
  return { key: `${group}/${label}`, label, kind: 'container', group, spans };
}

describe('groupFrame', () => {
  it('has one time field and one string field per lane, a row at the start and at each change in the window', () => {
    const frame = groupFrame(
      'shop/web-1',
      [
        lane('shop/web-1', 'shop/web-1', [api(0, 'Pending'), api(2000, 'Running')]),
        lane('shop/web-1', 'shop/web-1 · app', [
          api(3000, 'Running'),
          api(5000, 'Terminated: Error (exit 1)'),
          api(20_000, 'Running'),
        ]),
      ],
      W,
      'A'
    );
    expect(frame.name).toBe('shop/web-1');
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['time', FieldType.time],
      ['shop/web-1', FieldType.string],
      ['shop/web-1 · app', FieldType.string],
    ]);
    expect(frame.fields[0].values).toEqual([1000, 2000, 3000, 5000]);
    // the state before the window carries in; unknown is null; the change after the window is left out
    expect(frame.fields[1].values).toEqual(['Pending', 'Running', 'Running', 'Running']);
    expect(frame.fields[2].values).toEqual([null, null, 'Running', 'Terminated: Error (exit 1)']);
    expect(frame.length).toBe(4);
  });

  it('says which spans were only observed, and colours them like the state they observed', () => {
    const frame = groupFrame(
      'g',
      [lane('g', 'x', [{ startMs: 2000, state: 'Running', source: 'observed' }, api(4000, 'NotReady')])],
      W,
      'A'
    );
    expect(frame.fields[1].values).toEqual([null, 'Running (observed)', 'NotReady']);
    expect(colour('Running (observed)')).toBe(colour('Running'));
  });
});

describe('STATE_MAPPINGS', () => {
  it('tells healthy, waiting, failing and finished states apart', () => {
    expect(colour('Running')).toBe(named('green'));
    expect(colour('Ready')).toBe(named('green'));
    expect(colour('OK')).toBe(named('green'));
    expect(colour('Waiting: ContainerCreating')).toBe(named('yellow'));
    expect(colour('Waiting: CrashLoopBackOff')).toBe(named('red'));
    expect(colour('Pending: Unschedulable')).toBe(named('red'));
    expect(colour('Terminated: OOMKilled (exit 137)')).toBe(named('red'));
    expect(colour('Terminated: Completed (exit 0)')).toBe(named('blue'));
    expect(colour('NotReady')).toBe(named('orange'));
    expect(colour('Terminating: Evicted')).toBe(named('purple'));
    expect(colour('MemoryPressure')).toBe(named('red'));
  });
});

describe('laneFrames', () => {
  it('keeps at most maxGroups groups, those with trouble in the window first, and says so', () => {
    const lanes = [
      lane('a', 'a', [api(0, 'Running')]),
      lane('b', 'b', [api(0, 'Running'), api(5000, 'Waiting: CrashLoopBackOff')]),
      lane('c', 'c', [api(0, 'Running')]),
    ];
    const { frames, notices } = laneFrames(lanes, W, 'A', 2);
    expect(frames.map((f) => f.name)).toEqual(['b', 'a']);
    expect(notices[0].text).toMatch(/^Showing 2 of 3 pods and nodes/);
    expect(laneFrames(lanes, W, 'A', 3).notices).toEqual([]);
  });
});

describe('marksFrame', () => {
  it('is an annotations frame with the link in its text, as plain text', () => {
    const frame = marksFrame(
      [
        {
          timeMs: 5000,
          kind: 'restart',
          title: 'Restart',
          text: 'it <b>restarted</b>',
          tags: ['restart'],
          explore: { queryType: 'logs', namespace: 'shop', podName: 'web-1', previous: true },
        },
      ],
      'A',
      'uid-1'
    );
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    const text = frame.fields.find((f) => f.name === 'text')!.values[0] as string;
    const link = frame.fields.find((f) => f.name === 'link')!.values[0] as string;
    expect(text).toBe(`it <b>restarted</b>\nExplore: ${link}`);
    const pane = JSON.parse(decodeURIComponent(link.split('panes=')[1])).kg;
    expect(pane.datasource).toBe('uid-1');
    expect(pane.queries[0]).toMatchObject({
      queryType: 'logs',
      podName: 'web-1',
      previous: true,
      datasource: { uid: 'uid-1' },
    });
    expect(pane.range).toEqual({ from: String(5000 - 300_000), to: String(5000 + 300_000) });
  });
});
