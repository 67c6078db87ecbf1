/**
 * For tests of queries built on the sampler's history: runs a query over kube-sim with a sampler on a
 * virtual-time scheduler and kube-sim's manual clock moved with it, one poll per step.
 */
import { DataQueryResponse } from '@grafana/data';
import { firstValueFrom, Observable, Subject, VirtualTimeScheduler } from 'rxjs';

import type { KubeSim, ManualClock } from '../../../tools/kube-sim';
import { testContext } from '../../../tools/testing/queryContext';
import { Sampler } from '../live/sampler';
import { podsModule, ResolvedPodsQuery } from '../queries/pods/podsQuery';
import { QueryContext } from '../queries/types';
import type { VariableResolver } from '../variableTypes';

export const POLL_MS = 15_000;

export interface DriveOptions {
  polls: number;
  /**
   * the first `warm` polls are watched only by a pods time-series panel of this scope (container level),
   * whose history the query shares: subscribed after them, it answers at once from what is held
   */
  warm?: { polls: number; scope: ResolvedPodsQuery };
}

/** The query's answers: one after each poll it watched (and one at once after a warm start). */
export async function drivePolls(
  sim: KubeSim,
  clock: ManualClock,
  run: (ctx: QueryContext, vars: VariableResolver) => Observable<DataQueryResponse>,
  opts: DriveOptions
): Promise<DataQueryResponse[]> {
  const scheduler = new VirtualTimeScheduler();
  const sampler = new Sampler({ intervalMs: POLL_MS, retentionMs: 3_600_000, now: clock, scheduler });
  const { ctx, vars } = testContext(sim, { sampler });
  const warm = opts.warm?.polls ?? 0;
  const histories = new Subject<unknown>();
  const responses = new Subject<DataQueryResponse>();
  const seen: DataQueryResponse[] = [];
  const subs = [];
  if (opts.warm) {
    const panel = opts.warm.scope;
    subs.push(
      ctx.watchHistory!(podsModule.sourceKey!(ctx, panel), (c) => podsModule.snapshot!(c, panel)).subscribe(histories)
    );
  }
  const tick = async (i: number, answered: Promise<unknown>) => {
    scheduler.maxFrames = i * POLL_MS;
    scheduler.flush();
    await answered;
    clock.advance(POLL_MS);
  };
  try {
    for (let i = 0; i < warm; i++) {
      await tick(i, firstValueFrom(histories));
    }
    const first = firstValueFrom(responses);
    subs.push(
      run(ctx, vars).subscribe((r) => {
        seen.push(r);
        responses.next(r);
      })
    );
    if (warm) {
      await first;
    }
    for (let i = warm; i < opts.polls; i++) {
      await tick(i, i === warm && !warm ? first : firstValueFrom(responses));
    }
  } finally {
    subs.forEach((s) => s.unsubscribe());
    sampler.dispose();
  }
  return seen;
}
