/** @jest-environment node */
import http from 'http';
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 3, podsPerNode: 4, seed: 5, clock: () => Date.UTC(2025, 0, 1) });
});
afterAll(() => sim.stop());

interface Watch {
  status: number;
  contentType: string | undefined;
  /** resolves with the events once `count` have arrived */
  events(count: number): Promise<Array<{ type: string; object: Record<string, any> }>>;
  /** resolves with every event when the server ends the response */
  ended: Promise<Array<{ type: string; object: Record<string, any> }>>;
  close(): void;
}

/** opens a watch and parses its JSON lines as they arrive */
function openWatch(path: string): Promise<Watch> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${sim.token}` }, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const events: Array<{ type: string; object: Record<string, any> }> = [];
      const waiters: Array<{ count: number; resolve: (e: typeof events) => void }> = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, nl)));
          buffer = buffer.slice(nl + 1);
        }
        for (const w of waiters.filter((x) => events.length >= x.count)) {
          w.resolve(events.slice(0, w.count));
        }
      });
      const ended = new Promise<typeof events>((done) => res.on('end', () => done(events)));
      resolve({
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        events: (count) =>
          new Promise((done) => {
            if (events.length >= count) {
              done(events.slice(0, count));
            } else {
              waiters.push({ count, resolve: done });
            }
          }),
        ended,
        close: () => req.destroy(),
      });
    });
  });
}

/** resolves once no watch is open on the sim any more (the server has seen the client leave) */
async function allClosed(): Promise<number> {
  while (sim.openStreams() > 0) {
    await new Promise((r) => setImmediate(r));
  }
  return sim.openStreams();
}

describe('watch (?watch=true on a list path)', () => {
  it('replays every node as an ADDED event with kind and apiVersion, then stays open', async () => {
    const w = await openWatch('/api/v1/nodes?watch=true&allowWatchBookmarks=true');
    expect(w.status).toBe(200);
    expect(w.contentType).toBe('application/json');
    const events = await w.events(sim.cluster.nodes.length);
    expect(events.map((e) => e.type)).toEqual(sim.cluster.nodes.map(() => 'ADDED'));
    expect(events.map((e) => e.object.metadata.name).sort()).toEqual(sim.cluster.nodes.map((n) => n.name).sort());
    expect(events[0].object).toMatchObject({ kind: 'Node', apiVersion: 'v1' });
    expect(sim.openStreams()).toBe(1);
    w.close();
    expect(await allClosed()).toBe(0);
  });

  it('sends nothing new after the resourceVersion a list returned, and ends at timeoutSeconds', async () => {
    const list = await simGet(`${sim.url}/api/v1/nodes?limit=500&resourceVersion=0`, { token: sim.token });
    const rv = JSON.parse(list.body).metadata.resourceVersion;
    const w = await openWatch(`/api/v1/nodes?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
    expect(w.status).toBe(200);
    expect(await w.ended).toEqual([]);
  });

  it('honours the namespace and label selector like the list does', async () => {
    const pods = sim.cluster.pods.filter((p) => p.namespace === 'kube-system');
    const app = pods[0].labels;
    const [key] = Object.keys(app);
    const expected = pods.filter((p) => p.labels[key] === app[key]).map((p) => p.name);
    const selector = encodeURIComponent(`${key}=${app[key]}`);
    const w = await openWatch(
      `/api/v1/namespaces/kube-system/pods?watch=true&labelSelector=${selector}&timeoutSeconds=1`
    );
    const events = await w.ended;
    expect(events.map((e) => e.object.metadata.name).sort()).toEqual(expected.sort());
    expect(events.every((e) => e.object.metadata.namespace === 'kube-system')).toBe(true);
  });

  it('is refused when listing is denied, and fails on a malformed resourceVersion', async () => {
    sim.faults.deny('nodes', { verb: 'list' });
    try {
      const r = await simGet(`${sim.url}/api/v1/nodes?watch=true`, { token: sim.token });
      expect(r.status).toBe(403);
    } finally {
      sim.faults.allow('nodes');
    }
    // the watch cache's parse error is no API status: kube-apiserver answers 500 (kubernetes#139485)
    const bad = await simGet(`${sim.url}/api/v1/nodes?watch=true&resourceVersion=abc`, { token: sim.token });
    expect(bad.status).toBe(500);
    expect(JSON.parse(bad.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
      code: 500,
    });
  });

  it('a plain list is still a list', async () => {
    const r = await simGet(`${sim.url}/api/v1/nodes?watch=false`, { token: sim.token });
    expect(JSON.parse(r.body).kind).toBe('NodeList');
  });

  it('stop() ends open watches', async () => {
    const other = await startKubeSim({ nodes: 1, podsPerNode: 1 });
    const w = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(`${other.url}/api/v1/nodes?watch=true`, { headers: { Authorization: `Bearer ${other.token}` } })
        .on('response', resolve)
        .on('error', reject)
    );
    w.resume();
    const closed = new Promise<void>((resolve) => w.on('close', () => resolve()));
    expect(other.openStreams()).toBe(1);
    await other.stop();
    await closed;
    expect(other.openStreams()).toBe(0);
  });
});
