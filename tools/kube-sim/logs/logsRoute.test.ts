/** @jest-environment node */
import http from 'http';
import { KubeSim, startKubeSim } from '../index';
import { manualClock } from '../cluster/clock';
import { simGet } from '../server/client';
import type { SimPod } from '../cluster/model';

const clock = manualClock(Date.UTC(2025, 0, 1, 12, 0, 0));
let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 3, podsPerNode: 8, seed: 6, clock, followPollMs: 5 });
});
afterAll(() => sim.stop());

const logPath = (p: SimPod, q: string) => `/api/v1/namespaces/${p.namespace}/pods/${p.name}/log?${q}`;
const get = (path: string) => simGet(`${sim.url}${path}`, { token: sim.token });

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** a running pod with one busy container, so new lines appear as the clock moves */
function chattyPod(s: KubeSim): SimPod {
  return s.cluster.pods.find(
    (p) =>
      p.containers.length === 1 &&
      p.initContainers.length === 0 &&
      p.containers[0].state === 'running' &&
      p.containers[0].logRate >= 0.2
  )!;
}

/** opens a follow stream and collects what arrives */
function openFollow(s: KubeSim, path: string) {
  const state = { text: '', ended: false, status: 0, type: '' };
  const req = http.get(`${s.url}${path}`, { headers: { Authorization: `Bearer ${s.token}` } }, (res) => {
    state.status = res.statusCode ?? 0;
    state.type = String(res.headers['content-type']);
    res.setEncoding('utf8');
    res.on('data', (d: string) => (state.text += d));
    res.on('end', () => (state.ended = true));
    res.on('aborted', () => (state.ended = true));
  });
  req.on('error', () => (state.ended = true));
  return { state, req };
}

describe('pod logs route', () => {
  it('returns text/plain lines with the options applied', async () => {
    const pod = chattyPod(sim);
    const r = await get(logPath(pod, 'tailLines=3&timestamps=true'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain');
    const lines = r.body.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
  });

  it('rejects sinceSeconds together with sinceTime as 422 Invalid before looking at the pod', async () => {
    const r = await get(
      '/api/v1/namespaces/default/pods/no-such-pod/log?sinceSeconds=10&sinceTime=2025-01-01T00:00:00Z'
    );
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body)).toMatchObject({
      reason: 'Invalid',
      message:
        'PodLogOptions "no-such-pod" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
      code: 422,
    });
    const neg = await get('/api/v1/namespaces/default/pods/no-such-pod/log?tailLines=-1');
    expect(JSON.parse(neg.body).message).toBe(
      'PodLogOptions "no-such-pod" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0'
    );
  });

  it('404s a missing pod and 400s a multi-container pod without a container', async () => {
    const missing = await get('/api/v1/namespaces/default/pods/nope/log');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('pods "nope" not found');
    // the API server defaults to the only app container, however many init containers (and sidecars) there are
    const multi = sim.cluster.pods.find((p) => p.containers.length > 1)!;
    const r = await get(logPath(multi, ''));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({
      reason: 'BadRequest',
      message: expect.stringMatching(/^a container name must be specified for pod /),
    });
  });

  it('follows: sends the log so far, then new lines as the clock advances, and ends when the client leaves', async () => {
    const pod = chattyPod(sim);
    const { state, req } = openFollow(sim, logPath(pod, 'follow=true&timestamps=true&tailLines=1'));
    await waitFor(() => state.text.length > 0);
    expect(state.status).toBe(200);
    expect(state.type).toBe('text/plain');
    const startedAt = clock();
    const initialLines = state.text.trimEnd().split('\n').length;
    expect(initialLines).toBe(1);
    expect(sim.openStreams()).toBe(1);

    clock.advance(120_000);
    await waitFor(() => state.text.trimEnd().split('\n').length > initialLines);
    const later = state.text.trimEnd().split('\n').slice(initialLines);
    expect(later.every((l) => Date.parse(l.slice(0, 30)) > startedAt)).toBe(true);
    expect(state.ended).toBe(false);

    req.destroy();
    await waitFor(() => sim.openStreams() === 0);
  });

  it('ends a follow stream once limitBytes have been sent', async () => {
    const pod = chattyPod(sim);
    const { state } = openFollow(sim, logPath(pod, 'follow=true&limitBytes=300'));
    await waitFor(() => state.text.length > 0);
    for (let i = 0; i < 100 && !state.ended; i++) {
      clock.advance(60_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor(() => state.ended);
    expect(Buffer.byteLength(state.text)).toBe(300);
    await waitFor(() => sim.openStreams() === 0);
  });

  it('ends open follow streams on stop()', async () => {
    const own = await startKubeSim({ nodes: 2, podsPerNode: 6, seed: 6, clock, followPollMs: 5 });
    const pod = chattyPod(own);
    const { state } = openFollow(own, logPath(pod, 'follow=true'));
    await waitFor(() => own.openStreams() === 1);
    await own.stop();
    await waitFor(() => state.ended);
    expect(own.openStreams()).toBe(0);
  });

  it('answers without keeping the stream open for a terminated container', async () => {
    const done = sim.cluster.pods.find((p) => p.phase === 'Succeeded')!;
    const r = await get(logPath(done, 'follow=true'));
    expect(r.status).toBe(200);
  });
});
