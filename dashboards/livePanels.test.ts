/** @jest-environment jsdom */
/**
 * Every Kubeglance panel of the live dashboards, run for real: the saved query goes through the data
 * source to kube-sim (via the proxy harness), the panel's transformations are Grafana's own, and the panel
 * must end up with rows. Overrides and data links must name fields the data has: a renamed frame field
 * would otherwise only show as an empty panel or a dead link.
 */
import {
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  dateTime,
  FieldType,
  getFieldDisplayName,
} from '@grafana/data';
import { concatMap, filter, firstValueFrom, type Observable, timeout } from 'rxjs';

import { KubeDataSource } from '../src/datasource/datasource';
import type { KubeQuery } from '../src/datasource/types';
import { type KubeSim, startKubeSim } from '../tools/kube-sim';
import { createProxyHarness } from '../tools/proxy-harness';
import { fakeTemplateSrv } from '../tools/testing/queryContext';
import { allPanels, type JsonPanel, loadDashboards } from './checks/model';
import { applyTransformations } from './checks/transform';
import { KUBE_DS_TYPE } from './lib/refs';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => {
    throw new Error('tests must go through the proxy harness');
  },
  getTemplateSrv: () => ({ replace: (s: string) => s }),
}));

// counters (network) need a second poll; the data source polls every 5 s at the fastest
jest.setTimeout(60_000);

const panels = loadDashboards().flatMap((d) =>
  allPanels(d.json)
    .filter((p) => p.datasource?.type === KUBE_DS_TYPE)
    .map((p) => [`${d.entry.file} / ${p.title}`, p] as const)
);

let sim: KubeSim;
/** the triage dashboard is shown on kube-sim's triage scenarios: a NotReady node, pressure, stuck rollouts */
let triageSim: KubeSim;
let ds: KubeDataSource;
/** panels shown with other variable values than the rest */
const dsByPanel = new Map<string, KubeDataSource>();

beforeAll(async () => {
  sim = await startKubeSim({ nodes: 4, podsPerNode: 6, seed: 3 });
  // a running pod whose containers all run, with a sidecar and events of the last day (the sim's cart pod,
  // restarted after an OOM kill and failing a probe): its dashboard has something in every panel
  const recent = new Set(
    sim.cluster.events
      .filter((e) => e.lastMs > sim.now() - DAY_MS)
      .map((e) => `${e.involvedObject.namespace}/${e.involvedObject.name}`)
  );
  const pod = sim.cluster.pods.find(
    (p) => p.phase === 'Running' && p.containers.length > 1 && recent.has(`${p.namespace}/${p.name}`)
  );
  if (!pod) {
    throw new Error('kube-sim has no running pod with a sidecar and recent events: pick another seed');
  }
  const withVolumes = sim.cluster.pods.find((p) => p.phase === 'Running' && p.volumes.length > 0)!;
  const varsFor = (p: typeof pod) => ({
    ds: 'test-uid',
    node: p.nodeName,
    namespace: p.namespace,
    pod: p.name,
    container: p.containers.map((c) => c.name),
    selector: '',
  });
  const harness = createProxyHarness({
    url: sim.url,
    jsonData: { kubeletAccess: true, pollIntervalSeconds: 5 },
    secureJsonData: { token: sim.token },
  });
  const dataSource = (vars: ReturnType<typeof varsFor>) =>
    new KubeDataSource(harness.instanceSettings(), { fetch: harness.fetch, templateSrv: fakeTemplateSrv(vars) });
  ds = dataSource(varsFor(pod));
  // the cart pod has no volumes: the pod dashboard's volume panel is shown with a StatefulSet's pod
  dsByPanel.set('pod.json / Volumes', dataSource(varsFor(withVolumes)));

  triageSim = await startKubeSim({ nodes: 12, podsPerNode: 3, seed: 3, scenarios: 'triage' });
  const triageHarness = createProxyHarness({
    url: triageSim.url,
    jsonData: { kubeletAccess: true, pollIntervalSeconds: 5 },
    secureJsonData: { token: triageSim.token },
  });
  const triageDs = new KubeDataSource(triageHarness.instanceSettings(), {
    fetch: triageHarness.fetch,
    templateSrv: fakeTemplateSrv({ ds: 'test-uid' }),
  });
  for (const [where] of panels.filter(([where]) => where.startsWith('triage.json / '))) {
    dsByPanel.set(where, triageDs);
  }
});

afterAll(async () => {
  // the samplers keep polling for their history window after the last panel leaves
  for (const d of [ds, ...dsByPanel.values()]) {
    d?.sampler.dispose();
  }
  await sim?.stop();
  await triageSim?.stop();
});

const DAY_MS = 24 * 3600_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3600_000, d: DAY_MS };

/** The panel's time range as Grafana gives it: its own relative range (timeFrom), else the dashboard's 15 minutes. */
function request(targets: KubeQuery[], timeFrom = '15m'): DataQueryRequest<KubeQuery> {
  const now = dateTime();
  const [, amount, unit] = /^(\d+)([mhd])$/.exec(timeFrom)!;
  const from = dateTime(now.valueOf() - Number(amount) * UNIT_MS[unit]);
  return {
    requestId: 'dashboards',
    interval: '15s',
    intervalMs: 15_000,
    range: { from, to: now, raw: { from: `now-${timeFrom}`, to: 'now' } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  };
}

/** A frame a panel can draw: rows, and a field besides time. */
const drawable = (frames: DataFrame[]) =>
  frames.some((f) => f.length > 0 && f.fields.some((x) => x.type !== FieldType.time));

/**
 * What the panel shows: the first answer whose transformed frames can be drawn. Live queries keep
 * answering on every poll (counter rates appear from the second); table queries answer once.
 */
function panelData(where: string, panel: JsonPanel): Promise<DataFrame[]> {
  const answers = (dsByPanel.get(where) ?? ds).query(
    request(panel.targets as unknown as KubeQuery[], panel.timeFrom)
  ) as Observable<DataQueryResponse>;
  return firstValueFrom(
    answers.pipe(
      concatMap(async (r) => {
        if (r.errors?.length) {
          throw new Error(r.errors.map((e) => e.message).join('; '));
        }
        const out = await applyTransformations(panel.transformations, r.data as DataFrame[]);
        return out;
      }),
      filter(drawable),
      timeout(30_000)
    ),
    { defaultValue: [] }
  );
}

const fieldNames = (frames: DataFrame[]) =>
  new Set(frames.flatMap((f) => f.fields.flatMap((x) => [x.name, getFieldDisplayName(x, f, frames)])));

interface Override {
  matcher: { id: string; options: string };
  properties: Array<{ id: string; value: unknown }>;
}

describe('live dashboards against kube-sim', () => {
  it('have panels to run', () => {
    expect(panels.length).toBeGreaterThan(15);
  });

  it.each(panels)('%s shows rows', async (where, panel) => {
    const frames = await panelData(where, panel);
    expect(drawable(frames)).toBe(true);

    const names = fieldNames(frames);
    const overrides = (panel.fieldConfig?.overrides ?? []) as Override[];
    for (const o of overrides) {
      if (o.matcher.id === 'byName') {
        expect(names).toContain(o.matcher.options);
      } else if (o.matcher.id === 'byRegexp') {
        expect([...names].some((n) => new RegExp(o.matcher.options).test(n))).toBe(true);
      }
    }
    // data links name row fields: ${__data.fields.node}
    const links = JSON.stringify([panel.fieldConfig, panel.options]);
    for (const m of links.matchAll(/__data\.fields\.(\w+)/g)) {
      expect(names).toContain(m[1]);
    }
  });
});
