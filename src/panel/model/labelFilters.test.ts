import { LOG_LEVELS } from '../../common/logLevel';
import { readRows } from './frameRows';
import { logFrameFields } from './frameFields';
import {
  labelSetsHiddenBy,
  levelsHiddenBy,
  markerOf,
  rowLabels,
  sourcesHiddenBy,
  unlabelledHiddenBy,
} from './labelFilters';
import { LogStore } from './logStore';
import { kubeglanceFrame, lokiDataplaneFrame, T0 } from '../testing/testFrames';

function storeOf(frame: ReturnType<typeof kubeglanceFrame>): LogStore {
  const store = new LogStore(100);
  store.append(readRows(logFrameFields(frame)!, 0, frame.length, store.sourceTable));
  return store;
}

describe('row labels', () => {
  it('lists level, the pod identity and the stream labels of a Loki line once each', () => {
    const store = storeOf(
      lokiDataplaneFrame([
        {
          t: T0,
          line: 'hello',
          labels: { namespace: 'shop', pod: 'api-0', container: 'app', app: 'api', stream: 'stderr' },
        },
      ])
    );
    expect(rowLabels(store, 0)).toEqual([
      { key: 'level', value: 'unknown', kind: 'level' },
      { key: 'namespace', value: 'shop', kind: 'source' },
      { key: 'pod', value: 'api-0', kind: 'source' },
      { key: 'container', value: 'app', kind: 'source' },
      { key: 'app', value: 'api', kind: 'label' },
      { key: 'stream', value: 'stderr', kind: 'label' },
    ]);
  });

  it('tells marker rows from lines, sharing their source', () => {
    const frame = lokiDataplaneFrame([
      { t: T0, line: 'starting', labels: { namespace: 'shop', pod: 'api-0', container: 'app' } },
      {
        t: T0 + 1,
        line: 'app restarted: OOMKilled, exit 137',
        labels: { namespace: 'shop', pod: 'api-0', container: 'app', marker: 'restart' },
      },
    ]);
    const store = storeOf(frame);
    expect([markerOf(store, 0), markerOf(store, 1)]).toEqual([undefined, 'restart']);
    expect(store.sources[0]).toBe(store.sources[1]);
    expect(rowLabels(store, 1).find((l) => l.key === 'marker')).toEqual({
      key: 'marker',
      value: 'restart',
      kind: 'label',
    });
  });
});

describe('filters from labels', () => {
  const sources = [
    { namespace: 'shop', pod: 'api-0', container: 'app', node: 'n1', key: '', label: '' },
    { namespace: 'shop', pod: 'api-1', container: 'app', node: 'n2', key: '', label: '' },
    { namespace: 'ops', pod: 'api-0', container: 'sidecar', node: 'n1', key: '', label: '' },
  ];

  it('maps pod, container, namespace and node filters to the source chips', () => {
    expect(sourcesHiddenBy(sources, [], 'pod', 'api-0', false)).toEqual([false, true, false]);
    expect(sourcesHiddenBy(sources, [], 'container', 'app', true)).toEqual([true, true, false]);
    expect(sourcesHiddenBy(sources, [false, false, true], 'node', 'n1', false)).toEqual([false, true, true]);
  });

  it('maps level filters to the level chips', () => {
    const none = new Array(LOG_LEVELS.length).fill(false);
    const error = LOG_LEVELS.indexOf('error');
    expect(levelsHiddenBy(none, error, false).filter((h) => !h)).toHaveLength(1);
    expect(levelsHiddenBy(none, error, false)[error]).toBe(false);
    expect(levelsHiddenBy(none, error, true)[error]).toBe(true);
    expect(levelsHiddenBy(none, error, true).filter(Boolean)).toHaveLength(1);
  });

  it('hides whole streams for other labels', () => {
    const sets = [
      { labels: [['stream', 'stdout']] as Array<[string, string]> },
      { labels: [['stream', 'stderr']] as Array<[string, string]> },
    ];
    expect(labelSetsHiddenBy(sets, [{ key: 'stream', value: 'stderr', negate: false }])).toEqual([true, false]);
    expect(labelSetsHiddenBy(sets, [{ key: 'stream', value: 'stderr', negate: true }])).toEqual([false, true]);
    // a line with no stream labels fails "filter for" and passes "filter out"
    expect(unlabelledHiddenBy([{ key: 'stream', value: 'stderr', negate: false }])).toBe(true);
    expect(unlabelledHiddenBy([{ key: 'stream', value: 'stderr', negate: true }])).toBe(false);
    expect(unlabelledHiddenBy([])).toBe(false);
    expect(labelSetsHiddenBy(sets, [])).toEqual([]);
  });
});
