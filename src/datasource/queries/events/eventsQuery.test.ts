/** @jest-environment jsdom */
import { DataFrame, DataQueryResponse, dateTime, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { manualClock, SimEvent } from '../../../../tools/kube-sim';
import { testContext, TestContextOptions } from '../../../../tools/testing/queryContext';
import { EventsQuery } from '../../types';
import { eventsModule, resolveKind } from './eventsQuery';
import { kubeSimForTests } from '../../testing/kubeSim';

const sim = kubeSimForTests({ nodes: 8, podsPerNode: 8, seed: 11, clock: manualClock(Date.UTC(2025, 0, 1)) });

interface RunOptions extends TestContextOptions {
  /** the panel's time range, ms */
  range?: { from: number; to: number };
}

async function run(q: Partial<EventsQuery>, opts: RunOptions = {}): Promise<DataQueryResponse> {
  const { ctx, vars } = testContext(sim(), opts);
  const range = opts.range
    ? { from: dateTime(opts.range.from), to: dateTime(opts.range.to), raw: { from: 'now-1h', to: 'now' } }
    : undefined;
  const query: EventsQuery = { refId: 'A', queryType: 'events', ...q };
  return lastValueFrom(eventsModule.run({ ...ctx, range }, eventsModule.resolve(query, vars), query));
}

async function frameOf(q: Partial<EventsQuery>, opts: RunOptions = {}): Promise<DataFrame> {
  const res = await run(q, opts);
  expect(res.errors).toBeUndefined();
  return res.data[0];
}

const values = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)!.values;
const warnings = () => sim().cluster.events.filter((e) => e.type === 'Warning');

describe('events query', () => {
  it('returns every event as a table with a time field, newest first', async () => {
    const frame = await frameOf({});
    expect(frame.length).toBe(sim().cluster.events.length);
    const time = frame.fields.find((f) => f.type === FieldType.time)!;
    expect(time.name).toBe('time');
    const times = time.values as number[];
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.max(...times)).toBe(Math.max(...sim().cluster.events.map((e) => e.lastMs)));
  });

  it('filters by type on the server', async () => {
    const frame = await frameOf({ eventType: 'Warning' });
    expect(frame.length).toBe(warnings().length);
    expect(new Set(values(frame, 'type'))).toEqual(new Set(['Warning']));
    expect(sim().faults.requestsTo('/api/v1/events')[0].query.fieldSelector).toBe('type=Warning');
  });

  it('filters by involved object, accepting a lower-case kind', async () => {
    const checkout = sim().cluster.pods.find((p) => p.name.startsWith('checkout-'))!;
    const frame = await frameOf({ involvedKind: 'pod', involvedName: checkout.name, namespace: 'shop' });
    const expected = sim().cluster.events.filter((e) => e.involvedObject.name === checkout.name);
    expect(frame.length).toBe(expected.length);
    expect([...values(frame, 'reason')].sort()).toEqual(expected.map((e) => e.reason).sort());
    const [request] = sim().faults.requestsTo('/api/v1/namespaces/shop/events');
    expect(request.query.fieldSelector).toBe(`involvedObject.kind=Pod,involvedObject.name=${checkout.name}`);
  });

  it('takes several object names from a multi-value variable', async () => {
    const names = warnings()
      .map((e) => e.involvedObject.name)
      .slice(0, 2);
    const frame = await frameOf({ involvedName: '$objects' }, { vars: { objects: names } });
    const expected = sim().cluster.events.filter((e) => names.includes(e.involvedObject.name));
    expect(frame.length).toBe(expected.length);
    expect(new Set(values(frame, 'name'))).toEqual(new Set(names));
  });

  it("keeps the events that happened within the panel's time range", async () => {
    const to = sim().now();
    const from = to - 10 * 60_000;
    const frame = await frameOf({}, { range: { from, to } });
    const overlaps = (e: SimEvent) => e.lastMs >= from && e.firstMs <= to;
    const expected = sim().cluster.events.filter(overlaps);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sim().cluster.events.length);
    expect(frame.length).toBe(expected.length);
    expect([...values(frame, 'reason')].sort()).toEqual(expected.map((e) => e.reason).sort());
  });

  it('includes a repeating event that started before the range and is still repeating', async () => {
    const longRunning = sim().cluster.events.find((e) => e.count > 1 && sim().now() - e.firstMs > 3_600_000)!;
    expect(longRunning).toBeDefined();
    const from = longRunning.lastMs - 1000;
    const frame = await frameOf({ eventType: longRunning.type }, { range: { from, to: from + 2000 } });
    expect(values(frame, 'reason')).toContain(longRunning.reason);
  });

  it('keeps namespaces it can read when one is forbidden', async () => {
    sim().faults.deny('events', { namespace: 'default' });
    const res = await run({ namespace: 'shop,default' });
    expect(res.errors).toBeUndefined();
    const frame = res.data[0] as DataFrame;
    expect(frame.length).toBe(sim().cluster.events.filter((e) => e.namespace === 'shop').length);
    expect(frame.meta?.notices?.[0].text).toMatch(/default/);
  });

  it('fails with the reason when events cannot be listed at all', async () => {
    sim().faults.deny('events');
    const res = await run({ eventType: 'Warning' });
    expect(res.data).toHaveLength(0);
    expect(res.errors?.[0].message).toMatch(/may not list events/);
  });
});

describe('events query: validation before any request', () => {
  it('rejects a kind that would add another field selector', () => {
    const { vars } = testContext(sim(), { vars: { kind: 'Pod,type=Normal' } });
    expect(() => eventsModule.resolve({ refId: 'A', queryType: 'events', involvedKind: '$kind' }, vars)).toThrow(
      /not a Kubernetes kind/
    );
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('rejects an invalid object name or namespace from a variable', () => {
    const { vars } = testContext(sim(), { vars: { pod: 'web=1', ns: 'Shop' } });
    expect(() => eventsModule.resolve({ refId: 'A', queryType: 'events', involvedName: '$pod' }, vars)).toThrow(
      /not a valid object name/
    );
    expect(() => eventsModule.resolve({ refId: 'A', queryType: 'events', namespace: '$ns' }, vars)).toThrow(
      /not a valid namespace name/
    );
    expect(sim().faults.requests).toHaveLength(0);
  });

  it('rejects an unknown event type from saved JSON', () => {
    const { vars } = testContext(sim());
    const q = { refId: 'A', queryType: 'events', eventType: 'Error' } as unknown as EventsQuery;
    expect(() => eventsModule.resolve(q, vars)).toThrow(/Unknown event type "Error"/);
  });
});

describe('resolveKind', () => {
  it('spells known kinds as the API does and keeps other kinds as typed', () => {
    expect(resolveKind('pvc')).toBe('PersistentVolumeClaim');
    expect(resolveKind('replicaset')).toBe('ReplicaSet');
    expect(resolveKind('Certificate')).toBe('Certificate');
    expect(resolveKind(undefined)).toBeUndefined();
  });
});
