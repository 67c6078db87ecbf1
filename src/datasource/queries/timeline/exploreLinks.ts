/**
 * Links from an annotation to Explore at that moment, with this data source and a logs (or events) query.
 * Plain URLs: annotation text is text, so the link is shown, never written as markup.
 */
import type { EventsQuery, LogsQuery } from '../../types';

/** the query an annotation opens, without refId */
export type ExploreQuery = Omit<LogsQuery, 'refId'> | Omit<EventsQuery, 'refId'>;

/** how far either side of the moment Explore shows */
export const EXPLORE_MARGIN_MS = 5 * 60_000;

/** Grafana's Explore URL (schemaVersion 1, one pane) for `query` around `timeMs`. */
export function exploreUrl(datasourceUid: string, query: ExploreQuery, timeMs: number): string {
  const datasource = { type: 'kubeglance-kubernetes-datasource', uid: datasourceUid };
  const pane = {
    datasource: datasourceUid,
    queries: [{ ...query, refId: 'A', datasource }],
    range: { from: String(timeMs - EXPLORE_MARGIN_MS), to: String(timeMs + EXPLORE_MARGIN_MS) },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify({ kg: pane }))}`;
}
