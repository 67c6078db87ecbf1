/**
 * The `timeline` query's pure part for 30,000 pods: pods, events, ReplicaSets and Deployments (as JSON) to
 * lanes, marks and state-timeline frames, against JSON.parse of the same bytes. Loads only the pure files
 * (no client, no @grafana/runtime).
 */
import { startKubeSim } from '../tools/kube-sim';
import { readEvent } from '../src/datasource/decode/eventObjects';
import { EventObject } from '../src/datasource/decode/apiTypes';
import { TimelinePod } from '../src/datasource/queries/timeline/podSpans';
import { DeploymentObject, ReplicaSetObject } from '../src/datasource/queries/timeline/rollouts';
import { buildTimeline } from '../src/datasource/queries/timeline/timelineBuild';
import { laneFrames, marksFrame } from '../src/datasource/queries/timeline/timelineFrame';
import { marksInWindow } from '../src/datasource/queries/timeline/timelineMarks';
import { compare } from './lib';

const NODES = 1000;
const PODS_PER_NODE = 30;
const HOUR = 3_600_000;

async function fetchText(url: string, token: string): Promise<string> {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) {
    throw new Error(`${url}: ${res.status}`);
  }
  return res.text();
}

interface List<T = unknown> {
  items: T[];
}

export async function benchTimeline(): Promise<void> {
  const sim = await startKubeSim({ nodes: NODES, podsPerNode: PODS_PER_NODE, seed: 7, scenarios: 'triage' });
  const paths = ['/api/v1/pods', '/api/v1/events', '/apis/apps/v1/replicasets', '/apis/apps/v1/deployments'];
  let bodies: string[];
  const now = sim.now();
  try {
    bodies = await Promise.all(paths.map((p) => fetchText(`${sim.url}${p}`, sim.token)));
  } finally {
    await sim.stop();
  }
  const [podsText, eventsText, rsText, deploymentsText] = bodies;
  const podCount = (JSON.parse(podsText) as List).items.length;
  const mb = bodies.reduce((n, b) => n + b.length, 0) / 1e6;
  const window = { fromMs: now - 3 * HOUR, toMs: now };

  const timeline = (maxGroups: number) => () => {
    const t = buildTimeline({
      pods: (JSON.parse(podsText) as List<TimelinePod>).items,
      nodes: [],
      events: (JSON.parse(eventsText) as List<EventObject>).items.map(readEvent),
      replicaSets: (JSON.parse(rsText) as List<ReplicaSetObject>).items,
      deployments: (JSON.parse(deploymentsText) as List<DeploymentObject>).items,
    });
    const { frames } = laneFrames(t.lanes, window, 'A', maxGroups);
    return [frames, marksFrame(marksInWindow(t.marks, window), 'A', 'uid')];
  };

  compare(
    `timeline query, ${podCount.toLocaleString('en-US')} pods (${mb.toFixed(1)} MB of PodList + EventList + ReplicaSetList + DeploymentList JSON)`,
    { name: 'JSON.parse of the four bodies', run: () => bodies.map((b) => JSON.parse(b) as unknown) },
    [
      { name: 'JSON.parse + lanes + marks + frames, capped at 200 pods (what the query draws)', run: timeline(200) },
      { name: 'the same, a frame for every pod', run: timeline(Infinity) },
    ],
    (r) => `${Math.round(podCount / (r.medianMs / 1000)).toLocaleString('en-US')} pods/s`
  );
}
