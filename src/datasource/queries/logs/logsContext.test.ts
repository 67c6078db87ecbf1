/** @jest-environment jsdom */
import {
  DataFrame,
  DataQueryResponse,
  dateTime,
  LogLevel,
  LogRowContextQueryDirection,
  LogRowModel,
} from '@grafana/data';
import { firstValueFrom } from 'rxjs';

import { manualClock } from '../../../../tools/kube-sim';
import { testContext } from '../../../../tools/testing/queryContext';
import { LogsQuery } from '../../types';
import { logsModule } from './logsQuery';
import { getLogRowContext, getLogRowContextQuery } from './logsContext';
import { kubeSimForTests } from '../../testing/kubeSim';

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const sim = kubeSimForTests({ nodes: 3, podsPerNode: 8, seed: 3, clock: manualClock(START) });

const values = <T = unknown>(frame: DataFrame, name: string) =>
  frame.fields.find((f) => f.name === name)!.values as T[];

const pod = () =>
  sim().cluster.pods.find(
    (p) =>
      !!p.nodeName && p.containers.length === 1 && p.containers[0].state === 'running' && p.containers[0].logRate >= 1
  )!;

/** A frame the logs query answered, and the row Grafana would hand to getLogRowContext. */
async function frameAndRow(index: (length: number) => number) {
  const p = pod();
  const { ctx, vars } = testContext(sim());
  ctx.range = { from: dateTime(START - 600_000), to: dateTime(START), raw: { from: 'now-10m', to: 'now' } };
  const query = { refId: 'A', queryType: 'logs', namespace: p.namespace, podName: p.name } as LogsQuery;
  const r = await firstValueFrom(logsModule.run(ctx, logsModule.resolve(query, vars), query));
  const frame = r.data[0] as DataFrame;
  const i = index(frame.length);
  const ms = values<number>(frame, 'timestamp')[i];
  const nanos = frame.fields[0].nanos![i];
  const row = {
    rowIndex: i,
    rowId: values<string>(frame, 'id')[i],
    dataFrame: frame,
    entryFieldIndex: 1,
    entry: values<string>(frame, 'body')[i],
    raw: values<string>(frame, 'body')[i],
    labels: values<Record<string, string>>(frame, 'labels')[i],
    logLevel: LogLevel.info,
    hasAnsi: false,
    hasUnescapedContent: false,
    timeEpochMs: ms,
    timeEpochNs: `${ms}${String(nanos).padStart(6, '0')}`,
    timeFromNow: '',
    timeLocal: '',
    timeUtc: '',
    uid: `A_${i}`,
  } as LogRowModel;
  return { ctx, frame, row, i, query };
}

const ids = (r: DataQueryResponse) => values<string>(r.data[0] as DataFrame, 'id');

describe('log context', () => {
  it('returns the lines just before a line', async () => {
    const { ctx, frame, row, i, query } = await frameAndRow((n) => n - 5);
    const r = await getLogRowContext(ctx, row, { direction: LogRowContextQueryDirection.Backward, limit: 30 }, query);
    expect(r.errors ?? []).toEqual([]);
    expect(ids(r)).toEqual(values<string>(frame, 'id').slice(i - 30, i));
  });

  it('returns the lines just after a line', async () => {
    const { ctx, frame, row, i, query } = await frameAndRow((n) => Math.floor(n / 2));
    const r = await getLogRowContext(ctx, row, { direction: LogRowContextQueryDirection.Forward, limit: 12 }, query);
    expect(ids(r)).toEqual(values<string>(frame, 'id').slice(i + 1, i + 13));
  });

  it('widens the window before the line until it holds enough lines', async () => {
    const { ctx, frame, row, i, query } = await frameAndRow((n) => n - 1);
    sim().faults.reset();
    // far more lines than the first 10 s window holds
    const r = await getLogRowContext(ctx, row, { limit: 200 }, query);
    expect(ids(r)).toEqual(values<string>(frame, 'id').slice(i - 200, i));
    const sinces = sim()
      .faults.requests.filter((q) => q.path.endsWith('/log'))
      .map((q) => q.query.sinceTime);
    expect(new Set(sinces).size).toBeGreaterThan(2);
  });

  it('refuses a row without pod labels, and one whose labels are not valid names, without a request', async () => {
    const { ctx, row } = await frameAndRow(() => 0);
    const before = sim().faults.requests.length;
    const noLabels = await getLogRowContext(ctx, { ...row, labels: {} });
    expect(noLabels.errors?.[0].message).toContain('no namespace, pod and container labels');
    const bad = await getLogRowContext(ctx, { ...row, labels: { ...row.labels, pod: '../nodes' } });
    expect(bad.errors?.[0].message).toContain('not a valid pod name');
    expect(sim().faults.requests.length).toBe(before);
  });

  it('gives the query that shows the row container', async () => {
    const { row } = await frameAndRow(() => 0);
    const p = pod();
    expect(getLogRowContextQuery(row, { refId: 'B', queryType: 'logs', previous: true } as LogsQuery)).toMatchObject({
      refId: 'B',
      queryType: 'logs',
      namespace: p.namespace,
      podName: p.name,
      container: p.containers[0].name,
      previous: true,
    });
    expect(getLogRowContextQuery({ ...row, labels: {} })).toBeNull();
  });
});
