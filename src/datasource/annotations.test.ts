/** @jest-environment jsdom */
import { AnnotationQuery, DataFrame, dateTime, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock } from '../../tools/kube-sim';
import { testContext } from '../../tools/testing/queryContext';
import { framesToAnnotations, kubeAnnotations } from './annotations';
import { eventsModule } from './queries/events/eventsQuery';
import { eventsFrame } from './queries/events/eventsFrame';
import { marksFrame } from './queries/timeline/timelineFrame';
import { timelineModule } from './queries/timeline/timelineQuery';
import { kubeSimForTests } from './testing/kubeSim';
import { EventsQuery, KubeQuery, TimelineQuery } from './types';

const prepare = (json: unknown) => kubeAnnotations.prepareAnnotation!(json);

describe('prepareAnnotation', () => {
  it('turns a new annotation into a Warning events query', () => {
    const anno = prepare({ name: 'K8s', enable: true, iconColor: 'red', datasource: { uid: 'k' } });
    expect(anno).toMatchObject({ name: 'K8s', enable: true, iconColor: 'red' });
    expect(anno.target).toEqual({ refId: 'Anno', queryType: 'events', eventType: 'Warning' });
  });

  it('keeps a saved events target as the user set it, including both types', () => {
    const target: EventsQuery = { refId: 'X', queryType: 'events', namespace: 'shop', involvedKind: 'Pod' };
    const anno = prepare({ name: 'K8s', enable: true, iconColor: 'red', target });
    expect(anno.target).toEqual(target);
  });

  it('moves filters older dashboards kept on the annotation itself into the target', () => {
    const anno = prepare({ name: 'K8s', enable: true, iconColor: 'red', namespace: 'shop', eventType: 'Normal' });
    expect(anno.target).toEqual({ refId: 'Anno', queryType: 'events', namespace: 'shop', eventType: 'Normal' });
  });

  it('replaces a target of another query type by an events query keeping its namespace', () => {
    const anno = prepare({ target: { refId: 'A', queryType: 'pods', namespace: 'shop' } });
    expect(anno.target).toEqual({ refId: 'Anno', queryType: 'events', eventType: 'Warning', namespace: 'shop' });
  });

  it('keeps a saved timeline target, and runs it for its annotation frame alone', () => {
    const target: TimelineQuery = {
      refId: 'T',
      queryType: 'timeline',
      subject: 'workload',
      namespace: 'shop',
      name: 'cart',
    };
    const anno = prepare({ name: 'Rollouts', enable: true, iconColor: 'blue', target });
    expect(anno.target).toEqual(target);
    expect(kubeAnnotations.prepareQuery!(anno)).toEqual({ ...target, marksOnly: true });
  });

  it('gives the editor a Warning events query by default', () => {
    expect(kubeAnnotations.getDefaultQuery!()).toEqual({ queryType: 'events', eventType: 'Warning' });
  });

  it('prepares the query that runs, and skips an annotation without a target', () => {
    const anno = prepare({ name: 'K8s' });
    expect(kubeAnnotations.prepareQuery!(anno)).toEqual(anno.target);
    expect(
      kubeAnnotations.prepareQuery!({ name: 'x', enable: true, iconColor: 'red' } as AnnotationQuery<KubeQuery>)
    ).toBeUndefined();
  });
});

describe('processEvents', () => {
  const frame = eventsFrame(
    [
      {
        namespace: 'shop',
        name: 'e1',
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting <b>failed</b> container',
        kind: 'Pod',
        objectName: 'web-1',
        count: 3,
        firstMs: 1000,
        lastMs: 5000,
        source: 'kubelet',
      },
      {
        namespace: null,
        name: 'e2',
        type: 'Normal',
        reason: 'NodeNotReady',
        message: null,
        kind: 'Node',
        objectName: 'node-7',
        count: 1,
        firstMs: undefined,
        lastMs: undefined,
        source: null,
      },
    ],
    'Anno'
  );

  it('makes one annotation per timed event: reason as title, object and message as plain text, tags', async () => {
    const events = await lastValueFrom(kubeAnnotations.processEvents!(prepare({}), [frame]));
    expect(events).toEqual([
      {
        time: 5000,
        title: 'BackOff',
        text: 'Pod/web-1: Back-off restarting <b>failed</b> container',
        tags: ['Warning', 'BackOff', 'shop', 'Pod'],
      },
    ]);
  });

  it('adds no markup of its own and leaves out tags it does not have', () => {
    const timed: DataFrame = {
      ...frame,
      fields: frame.fields.map((f) => (f.name === 'time' ? { ...f, values: [5000, 6000] } : f)),
    };
    const [, node] = framesToAnnotations([timed]);
    expect(node).toEqual({
      time: 6000,
      title: 'NodeNotReady',
      text: 'Node/node-7',
      tags: ['Normal', 'NodeNotReady', 'Node'],
    });
    expect(framesToAnnotations([timed]).every((e) => !/<(br|a|p|div)\b/.test(e.text ?? ''))).toBe(true);
  });

  it("reads a timeline's annotation frame: time, title, plain text with its Explore link, tags", () => {
    const marks = marksFrame(
      [
        {
          timeMs: 7000,
          kind: 'restart',
          title: 'Restart: shop/web-1 · app',
          text: 'shop/web-1 · app restarted',
          tags: ['restart', 'shop', 'OOMKilled'],
          explore: { queryType: 'logs', namespace: 'shop', podName: 'web-1', container: 'app', previous: true },
        },
        {
          timeMs: 9000,
          kind: 'eviction',
          title: 'Evicted: shop/web-2',
          text: 'shop/web-2: Evicted',
          tags: ['eviction'],
        },
      ],
      'Anno',
      'uid-1'
    );
    // the state lanes beside it are no events and give no annotation
    const lanes: DataFrame = {
      name: 'shop/web-1',
      length: 1,
      fields: [
        { name: 'time', type: FieldType.time, values: [1000], config: {} },
        { name: 'shop/web-1', type: FieldType.string, values: ['Running'], config: {} },
      ],
    };
    const [restart, eviction, ...rest] = framesToAnnotations([lanes, marks]);
    expect(rest).toEqual([]);
    expect(restart).toMatchObject({
      time: 7000,
      title: 'Restart: shop/web-1 · app',
      tags: ['restart', 'shop', 'OOMKilled'],
    });
    expect(restart.text).toMatch(/^shop\/web-1 · app restarted\nExplore: \/explore\?schemaVersion=1&panes=/);
    expect(eviction).toEqual({
      time: 9000,
      title: 'Evicted: shop/web-2',
      text: 'shop/web-2: Evicted',
      tags: ['eviction'],
    });
  });

  it('ignores frames that are not events', () => {
    expect(framesToAnnotations([{ name: 'x', length: 0, fields: [] }])).toEqual([]);
  });
});

describe('annotations end to end', () => {
  const sim = kubeSimForTests({ nodes: 8, podsPerNode: 8, seed: 11, clock: manualClock(Date.UTC(2025, 0, 1)) });

  it("shows the cluster's Warning events within the dashboard range", async () => {
    const anno = prepare({ name: 'Kubernetes warnings', enable: true, iconColor: 'red' });
    const query = kubeAnnotations.prepareQuery!(anno) as EventsQuery;
    const { ctx, vars } = testContext(sim());
    const to = sim().now();
    const from = to - 3_600_000;
    const range = { from: dateTime(from), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } };
    const res = await lastValueFrom(eventsModule.run({ ...ctx, range }, eventsModule.resolve(query, vars), query));
    const events = await lastValueFrom(kubeAnnotations.processEvents!(anno, res.data));

    const expected = sim().cluster.events.filter((e) => e.type === 'Warning' && e.lastMs >= from && e.firstMs <= to);
    expect(expected.length).toBeGreaterThan(0);
    expect(events).toHaveLength(expected.length);
    for (const e of expected) {
      expect(events).toContainEqual({
        time: e.lastMs,
        title: e.reason,
        text: `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`,
        tags: ['Warning', e.reason, e.namespace, e.involvedObject.kind],
      });
    }
  });

  it("shows a timeline's moments: the lost node going Unknown, once (not per pressure condition)", async () => {
    const target: TimelineQuery = { refId: 'T', queryType: 'timeline', subject: 'node' };
    const anno = prepare({ name: 'Node changes', enable: true, iconColor: 'orange', target });
    const query = kubeAnnotations.prepareQuery!(anno) as TimelineQuery;
    const { ctx, vars } = testContext(sim());
    const to = sim().now();
    const range = { from: dateTime(to - 3_600_000), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } };
    const res = await lastValueFrom(timelineModule.run({ ...ctx, range }, timelineModule.resolve(query, vars), query));
    // the annotation frame alone: no lanes to draw
    expect((res.data as DataFrame[]).map((f) => f.name)).toEqual(['timeline annotations']);
    const events = await lastValueFrom(kubeAnnotations.processEvents!(anno, res.data));
    const lost = sim().cluster.nodes[sim().cluster.nodes.length - 1].name;
    expect(events).toEqual([
      expect.objectContaining({
        time: to - 11 * 60_000,
        title: `Node ${lost}: Ready Unknown`,
        tags: ['node', lost, 'Ready'],
      }),
    ]);
  });
});
