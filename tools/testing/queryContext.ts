/**
 * For query-module tests: a QueryContext whose client talks to a running kube-sim through the proxy harness,
 * exactly as the data source's would, and a variable resolver over a fixed set of variables.
 */
import { defer } from 'rxjs';

import { KubeClient } from '../../src/datasource/kube/client';
import type { Sampler } from '../../src/datasource/live/sampler';
import { QueryContext } from '../../src/datasource/queries/types';
import { KubeDataSourceOptions, KubeSecureJsonData } from '../../src/datasource/types';
import type { VariableResolver } from '../../src/datasource/variableTypes';
import { variableResolver } from '../../src/datasource/variables/resolver';
import { KubeSim } from '../kube-sim';
import { createProxyHarness, ProxyHarness } from '../proxy-harness';

export interface TestContextOptions {
  jsonData?: KubeDataSourceOptions;
  secureJsonData?: KubeSecureJsonData;
  kubeletAccess?: boolean;
  concurrency?: number;
  nowMs?: number;
  refId?: string;
  /** template variables; arrays are multi-value (expanded as csv) */
  vars?: Record<string, string | string[]>;
  /**
   * gives the context a watchHistory over this sampler, as the data source's; each poll reads the cluster at
   * the sim's clock (drive the sampler with a VirtualTimeScheduler and move the sim's manual clock with it)
   */
  sampler?: Sampler;
}

export interface TestContext {
  ctx: QueryContext;
  vars: VariableResolver;
  harness: ProxyHarness;
}

/** Replaces `$name` and `${name}` like Grafana's template service (csv for multi-value in csv format). */
export function fakeTemplateSrv(vars: Record<string, string | string[]>) {
  return {
    replace: (text: string, _scoped?: unknown, format?: unknown) =>
      text.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, braced: string | undefined, plain: string | undefined) => {
        const v = vars[(braced ?? plain)!];
        if (v === undefined) {
          return m;
        }
        return Array.isArray(v) ? (format === 'csv' ? v.join(',') : `{${v.join(',')}}`) : v;
      }),
  };
}

export function testContext(sim: KubeSim, opts: TestContextOptions = {}): TestContext {
  const harness = createProxyHarness({
    url: sim.url,
    jsonData: { kubeletAccess: opts.kubeletAccess, ...opts.jsonData },
    secureJsonData: opts.secureJsonData ?? { token: sim.token },
  });
  const client = new KubeClient({ baseUrl: harness.baseUrl, fetch: harness.fetch, concurrency: opts.concurrency ?? 4 });
  const ctx: QueryContext = {
    client,
    refId: opts.refId ?? 'A',
    nowMs: opts.nowMs ?? sim.now(),
    kubeletAccess: opts.kubeletAccess ?? false,
    concurrency: opts.concurrency ?? 4,
    datasourceUid: 'test-uid',
  };
  const sampler = opts.sampler;
  if (sampler) {
    ctx.watchHistory = (key, poll) =>
      sampler.watch({ key, poll: () => defer(() => poll({ ...ctx, nowMs: sim.now() })) });
  }
  return {
    harness,
    vars: variableResolver(fakeTemplateSrv(opts.vars ?? {})),
    ctx,
  };
}
