/** @jest-environment jsdom */
import { DataFrame, dateTime } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { kubeSimForTests } from '../../testing/kubeSim';
import { TimelineQuery } from '../../types';
import { timelineMemory, timelineModule } from './timelineQuery';

const MIN = 60_000;
const START = Date.UTC(2025, 2, 1, 12, 0, 0);
const clock = manualClock(START);
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 2, seed: 3, clock });

/** One refresh of a node timeline at the sim's time, over the hour before it. */
async function refresh(node: string, uid = 'test-uid') {
  const { ctx, vars } = testContext(sim());
  const now = sim().now();
  ctx.datasourceUid = uid;
  ctx.range = { from: dateTime(START - 30 * MIN), to: dateTime(now), raw: { from: 'now-1h', to: 'now' } };
  const q = { refId: 'A', queryType: 'timeline', subject: 'node', name: node } as TimelineQuery;
  const res = await lastValueFrom(timelineModule.run(ctx, timelineModule.resolve(q, vars), q));
  const frame = (res.data as DataFrame[]).find((f) => f.name === `node/${node}`)!;
  const field = frame.fields.find((f) => f.config.displayName === node)!;
  return frame.fields[0].values.map((t: number, i: number) => [t, field.values[i]]);
}

it('keeps the state each refresh saw and marks it observed where the API no longer tells it', async () => {
  timelineMemory.clear();
  // the node was Ready long before the range: the API's account covers it all
  const first = await refresh('node-1');
  expect(first).toEqual([[START - 30 * MIN, 'Ready']]);

  clock.advance(5 * MIN);
  sim().nodeNotReady('node-1');
  const wentAt = sim().now();
  clock.advance(MIN);
  // now the Ready condition tells only "NotReady since wentAt": what came before is what the first refresh saw
  expect(await refresh('node-1')).toEqual([
    [START - 30 * MIN, null],
    [START, 'Ready (observed)'],
    [wentAt, 'NotReady'],
  ]);
  // another data source saw nothing of it
  expect((await refresh('node-1', 'other-uid')).slice(0, 2)).toEqual([
    [START - 30 * MIN, null],
    [wentAt, 'NotReady'],
  ]);
});
