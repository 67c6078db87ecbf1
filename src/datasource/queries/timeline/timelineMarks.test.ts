import { EventInfo } from '../../decode/eventObjects';
import { nodeLanes } from './nodeSpans';
import { disruptionMark, marksInWindow, nodeConditionMarks, podEventMarks, restartMarks } from './timelineMarks';

const T = Date.UTC(2025, 0, 1, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function podEvent(reason: string, more: Partial<EventInfo> = {}): EventInfo {
  return {
    namespace: 'shop',
    name: 'e',
    type: 'Warning',
    reason,
    message: 'msg',
    kind: 'Pod',
    objectName: 'web-1',
    count: 1,
    firstMs: T,
    lastMs: T + 60_000,
    source: null,
    ...more,
  };
}

describe('timeline marks', () => {
  it('marks a restart when the previous instance ended, with its reason and exit code, linking its logs', () => {
    const [mark] = restartMarks({
      metadata: { namespace: 'shop', name: 'web-1' },
      status: {
        containerStatuses: [
          {
            name: 'app',
            restartCount: 4,
            lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: iso(T) } },
          },
          { name: 'proxy', restartCount: 0, lastState: {} },
        ],
      },
    });
    expect(mark).toEqual({
      timeMs: T,
      kind: 'restart',
      title: 'Restart: shop/web-1 · app',
      text: 'shop/web-1 · app restarted (4 restarts in all); the last instance ended Terminated: OOMKilled (exit 137)',
      tags: ['restart', 'shop', 'OOMKilled'],
      explore: { queryType: 'logs', namespace: 'shop', podName: 'web-1', container: 'app', previous: true },
    });
  });

  it('marks scheduling failures at their first time and evictions at their last, and nothing else', () => {
    const marks = podEventMarks([
      podEvent('FailedScheduling', { count: 9, message: '0/3 nodes are available' }),
      podEvent('Evicted', { message: 'The node was low on resource: memory.' }),
      podEvent('BackOff'),
    ]);
    expect(marks.map((m) => [m.kind, m.timeMs, m.text])).toEqual([
      ['schedulingFailure', T, 'shop/web-1 (9 times): 0/3 nodes are available'],
      ['eviction', T + 60_000, 'shop/web-1: Evicted: The node was low on resource: memory.'],
    ]);
  });

  it('marks an eviction the pod records when its event is gone', () => {
    const mark = disruptionMark({
      metadata: { namespace: 'shop', name: 'web-1' },
      status: {
        conditions: [
          { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', lastTransitionTime: iso(T) },
        ],
      },
    });
    expect(mark).toMatchObject({ timeMs: T, kind: 'eviction', tags: ['eviction', 'shop', 'DeletionByTaintManager'] });
  });

  it('marks a node turning bad and recovering, not its first Ready nor pressure Unknown beside an Unknown Ready', () => {
    const recovering = nodeLanes(
      {
        metadata: { name: 'n1' },
        status: {
          conditions: [
            { type: 'Ready', status: 'True', lastTransitionTime: iso(T + 5000) },
            { type: 'MemoryPressure', status: 'False', lastTransitionTime: iso(T - 9000) },
          ],
        },
      },
      [{ ...podEvent('NodeNotReady'), kind: 'Node', objectName: 'n1', lastMs: T }]
    );
    expect(nodeConditionMarks(recovering).map((m) => [m.timeMs - T, m.title])).toEqual([
      [0, 'Node n1: Ready NotReady'],
      [5000, 'Node n1: Ready Ready'],
    ]);
    const lost = nodeLanes({
      metadata: { name: 'n2' },
      status: {
        conditions: ['Ready', 'MemoryPressure'].map((type) => ({
          type,
          status: 'Unknown',
          lastTransitionTime: iso(T),
        })),
      },
    });
    expect(nodeConditionMarks(lost).map((m) => m.title)).toEqual(['Node n2: Ready Unknown']);
  });

  it('keeps marks in the window, oldest first, one per eviction', () => {
    const a = { timeMs: T + 2, kind: 'eviction' as const, title: 'Evicted: x', text: 'from the event', tags: [] };
    const b = { ...a, text: 'from the condition' };
    const early = { ...a, timeMs: T - 10, title: 'Evicted: y' };
    const restart = { timeMs: T + 1, kind: 'restart' as const, title: 'Restart', text: '', tags: [] };
    expect(marksInWindow([a, b, early, restart], { fromMs: T, toMs: T + 10 })).toEqual([restart, a]);
  });
});
