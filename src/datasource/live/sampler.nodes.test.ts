/** @jest-environment jsdom */
/*
 * The sampler with the real nodes module, over real HTTP through the proxy harness to kube-sim: history
 * builds up poll after poll with one request per poll however many panels watch. The sampler runs on a
 * virtual-time scheduler and kube-sim on a manual clock, moved together.
 */
import { DataFrame, DataQueryResponse, LoadingState } from '@grafana/data';
import { defer, firstValueFrom, Subject, VirtualTimeScheduler } from 'rxjs';

import { manualClock } from '../../../tools/kube-sim';
import { testContext } from '../../../tools/testing/queryContext';
import { nodesModule } from '../queries/nodes/nodesQuery';
import { SeriesHistory } from './history';
import { liveQuery } from './liveQuery';
import { Sampler } from './sampler';
import { timeSeriesFrames } from './timeseriesFrames';
import { LiveSource } from './types';
import { kubeSimForTests } from '../testing/kubeSim';

const INTERVAL = 15_000;
const clock = manualClock(Date.UTC(2025, 0, 1, 12));
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 2, seed: 5, clock });

function frameOf(frames: DataFrame[], name: string): DataFrame | undefined {
  return frames.find((f) => f.name === name);
}

it('accumulates node history from metrics-server, one request per poll for every panel', async () => {
  const { ctx, vars } = testContext(sim());
  const resolved = nodesModule.resolve({ refId: 'A', queryType: 'nodes' }, vars);
  // each poll reads the cluster at the time it runs
  const source: LiveSource = {
    key: nodesModule.sourceKey!(ctx, resolved),
    poll: () => defer(() => nodesModule.snapshot!({ ...ctx, nowMs: clock() }, resolved)),
  };
  const scheduler = new VirtualTimeScheduler();
  const sampler = new Sampler({ intervalMs: INTERVAL, retentionMs: 3_600_000, now: clock, scheduler });
  const histories = new Subject<SeriesHistory>();
  const framesSeen: DataFrame[][] = [];
  const watching = sampler.watch(source).subscribe((h) => {
    framesSeen.push(timeSeriesFrames(h, undefined, 'A'));
    histories.next(h);
  });
  const streamed: DataQueryResponse[] = [];
  const panel = liveQuery(sampler, source, { refId: 'B', live: true }).subscribe((r) => streamed.push(r));
  const metricsPath = '/apis/metrics.k8s.io/v1/nodes';
  const before = sim().faults.requestsTo(metricsPath).length;

  try {
    for (let i = 0; i < 4; i++) {
      const polled = firstValueFrom(histories);
      scheduler.maxFrames = i * INTERVAL;
      scheduler.flush(); // the tick at i intervals starts a poll
      await polled;
      clock.advance(INTERVAL);
    }
    // two watchers, four polls: four requests
    expect(sim().faults.requestsTo(metricsPath).length - before).toBe(4);

    const counts = framesSeen.map((frames) => frameOf(frames, 'node-1 cpu')?.length);
    expect(counts).toEqual([1, 2, 3, 4]);
    const last = framesSeen[3];
    const cpuTimes = frameOf(last, 'node-1 cpu')!.fields[0].values as number[];
    expect([...cpuTimes].sort((a, b) => a - b)).toEqual(cpuTimes);
    expect(new Set(cpuTimes).size).toBe(4);
    const cpu = frameOf(last, 'node-1 cpu')!.fields[1];
    expect(cpu.config.unit).toBe('suffix: cores');
    expect(cpu.labels).toEqual({ node: 'node-1' });
    expect((cpu.values as number[]).every((v) => v > 0)).toBe(true);
    // allocatable carries no time of its own: it is at each poll's time
    const allocTimes = frameOf(last, 'node-1 memoryAllocatable')!.fields[0].values;
    expect(allocTimes).toEqual([0, 1, 2, 3].map((k) => clock() - (4 - k) * INTERVAL));

    expect(streamed).toHaveLength(4);
    expect(streamed.every((r) => r.state === LoadingState.Streaming && r.key === 'B')).toBe(true);
    expect(frameOf(streamed[3].data, 'node-2 memory')?.length).toBe(4);
  } finally {
    panel.unsubscribe();
    watching.unsubscribe();
    sampler.dispose();
    histories.complete();
  }
});
