import { DataFrame, DataQueryResponse, LoadingState } from '@grafana/data';
import { concatMap, map, Observable, timer } from 'rxjs';

import { TimelineQuery } from '../../types';
import { QueryContext, QueryModule } from '../types';
import { ObservedStates } from './observedStates';
import { buildTimeline } from './timelineBuild';
import { laneFrames, marksFrame } from './timelineFrame';
import { marksInWindow } from './timelineMarks';
import { readTimeline, TimelineRead } from './timelineRead';
import { ResolvedTimelineQuery, resolveTimelineQuery } from './timelineResolve';
import { TimeWindow } from './timelineTypes';

/** What each data source saw at its polls while timelines were open (one memory per page, keyed by uid). */
export const timelineMemory = new ObservedStates();

/** how often a live timeline polls when the context does not say */
export const DEFAULT_TIMELINE_POLL_MS = 10_000;
/** pods and nodes drawn at most; a notice tells what was left out */
export const MAX_TIMELINE_GROUPS = 200;
const DEFAULT_WINDOW_MS = 3_600_000;

function windowOf(ctx: QueryContext): TimeWindow {
  return ctx.range
    ? { fromMs: ctx.range.from.valueOf(), toMs: ctx.range.to.valueOf() }
    : { fromMs: ctx.nowMs - DEFAULT_WINDOW_MS, toMs: ctx.nowMs };
}

/** One answer from one read at `nowMs`: the state-timeline frames and the annotation frame. */
export function timelineResponse(
  read: TimelineRead,
  q: ResolvedTimelineQuery,
  ctx: QueryContext,
  w: TimeWindow,
  memory: ObservedStates = timelineMemory
): DataQueryResponse {
  if (read.errors) {
    return { data: [], errors: read.errors, key: q.refId };
  }
  const timeline = buildTimeline(read.objects);
  memory.record(ctx.datasourceUid, timeline.lanes, ctx.nowMs);
  const lanes = timeline.lanes.map((lane) => memory.merge(ctx.datasourceUid, lane));
  const { frames, notices } = laneFrames(lanes, w, q.refId, MAX_TIMELINE_GROUPS);
  const marks = marksFrame(marksInWindow(timeline.marks, w), q.refId, ctx.datasourceUid);
  const all = [...read.notices, ...notices];
  if (!lanes.length) {
    all.push({
      severity: 'info',
      text: 'Nothing to show: no pods or nodes match. Check the subject, namespace and name.',
    });
  }
  const shown = q.marksOnly ? [] : frames;
  const first: DataFrame = shown[0] ?? marks;
  first.meta = { ...first.meta, notices: all.length ? all : undefined };
  return { data: [...shown, marks], key: q.refId };
}

/** Each poll's time; a live timeline polls on a timer, tests pass their own. */
export type PollTimes = Observable<number>;

function livePolls(ctx: QueryContext): PollTimes {
  const started = Date.now();
  return timer(0, ctx.pollIntervalMs ?? DEFAULT_TIMELINE_POLL_MS).pipe(map(() => ctx.nowMs + (Date.now() - started)));
}

/** A live timeline: one read per poll, each answer streaming, the window sliding with the polls' time. */
export function liveTimeline(ctx: QueryContext, q: ResolvedTimelineQuery, polls: PollTimes = livePolls(ctx)) {
  const w = windowOf(ctx);
  return polls.pipe(
    concatMap((nowMs) => {
      const pollCtx = { ...ctx, nowMs };
      const shift = Math.max(0, nowMs - ctx.nowMs);
      return readTimeline(ctx.client, q, ctx.concurrency).pipe(
        map((read) => ({
          ...timelineResponse(read, q, pollCtx, { fromMs: w.fromMs + shift, toMs: w.toMs + shift }),
          state: LoadingState.Streaming,
        }))
      );
    })
  );
}

export const timelineModule: QueryModule<TimelineQuery, ResolvedTimelineQuery> = {
  resolve: (query, vars) => resolveTimelineQuery(query, vars),
  run: (ctx, resolved, query) =>
    query.live
      ? liveTimeline(ctx, resolved)
      : readTimeline(ctx.client, resolved, ctx.concurrency).pipe(
          map((read) => timelineResponse(read, resolved, ctx, windowOf(ctx)))
        ),
};
