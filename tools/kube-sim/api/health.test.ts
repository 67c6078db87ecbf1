/** @jest-environment node */
/**
 * /healthz, /livez and /readyz (apiserver pkg/server/healthz/healthz.go: "ok", ?verbose, ?exclude, one check
 * per sub-path; system:public-info-viewer lets anonymous users read them).
 */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';
import { HEALTH_CHECKS } from './routesHealth';

let sim: KubeSim;
beforeAll(async () => {
  sim = await startKubeSim({ nodes: 1, podsPerNode: 1 });
});
afterAll(() => sim.stop());

describe('health endpoints', () => {
  it.each(['/healthz', '/livez', '/readyz'])('%s answers ok, also without credentials', async (path) => {
    for (const token of [sim.token, undefined]) {
      const r = await simGet(`${sim.url}${path}`, { token });
      expect([r.status, r.headers['content-type'], r.body]).toEqual([200, 'text/plain; charset=utf-8', 'ok']);
    }
  });

  it('?verbose lists each check and ends with "<name> check passed"', async () => {
    const r = await simGet(`${sim.url}/readyz?verbose`, { token: sim.token });
    const lines = r.body.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '[+]ping ok',
      '[+]log ok',
      '[+]etcd ok',
      '[+]etcd-readiness ok',
      '[+]informer-sync ok',
    ]);
    expect(lines[lines.length - 2]).toBe('[+]shutdown ok');
    expect(lines[lines.length - 1]).toBe('readyz check passed');
    expect(lines).toHaveLength(HEALTH_CHECKS.readyz.length + 1);
  });

  it('?exclude marks a check excluded; a sub-path runs one check', async () => {
    const r = await simGet(`${sim.url}/livez?verbose&exclude=etcd`, { token: sim.token });
    expect(r.body).toContain('[+]etcd excluded: ok\n');
    expect((await simGet(`${sim.url}/readyz/ping`, { token: sim.token })).body).toBe('ok');
    expect((await simGet(`${sim.url}/readyz/nope`, { token: sim.token })).status).toBe(404);
  });
});
