/** @jest-environment jsdom */
import { DataFrame } from '@grafana/data';
import { lastValueFrom } from 'rxjs';
import { manualClock, startKubeSim } from '../../../tools/kube-sim';
import { testContext } from '../../../tools/testing/queryContext';
import { PodsQuery } from '../types';
import { podsModule } from './pods';

it('scratch', async () => {
  const sim = await startKubeSim({ nodes: 4, podsPerNode: 6, seed: 5, clock: manualClock(Date.UTC(2025, 2, 1, 12)) });
  try {
    for (const groupBy of ['pod', 'container', 'workload'] as const) {
      const { ctx, vars } = testContext(sim);
      const q = { refId: 'A', queryType: 'pods', groupBy } as PodsQuery;
      const res = await lastValueFrom(podsModule.run(ctx, podsModule.resolve(q, vars), q));
      const f = res.data[0] as DataFrame;
      const rows = [];
      for (let i = 0; i < f.length; i++) rows.push(f.fields.map((x) => x.values[i]).join(' | '));
      console.log(groupBy, JSON.stringify(res.errors), JSON.stringify(f.meta?.notices, null, 1), '\n' + f.fields.map((x) => x.name).join(' | ') + '\n' + rows.join('\n'));
    }
    console.log(sim.faults.requests.map((r) => r.path + '?' + r.rawQuery).join('\n'));
  } finally {
    await sim.stop();
  }
});
