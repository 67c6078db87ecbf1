import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { locationService } from '@grafana/runtime';

import { LOG_LEVELS } from '../../common/logLevel';
import { stableHash } from '../../common/stableHash';
import { lowerBound } from '../model/intColumn';
import type { LogStore } from '../model/logStore';
import type { ViewWindow } from '../model/timeWindow';
import { levelsHiddenByName, type PortableFilters, portableFilters } from './portableFilters';
import type { InitialView, PodLogsSession } from './usePodLogsSession';

/**
 * The panel's view in the page URL, so a shared link opens the same view: one query key per panel
 * (`podlogs-<panel id>`) holding base64url JSON with short keys. A value that does not decode is ignored.
 */

/** A line named so it can be found again in another browser: its time, its source's key and a hash of its text. */
export interface LineRef {
  t: number;
  src: string;
  h: string;
}

export interface UrlView extends PortableFilters {
  window?: ViewWindow;
  line?: LineRef;
}

/** The wire form: short keys, absent when empty. */
interface Wire {
  q?: string;
  /** flags: r regex, c case, o only matching */
  f?: string;
  x?: string[];
  l?: string[];
  s?: string[];
  /** a relative window's ms, or an absolute [from, to] */
  w?: number | [number, number];
  /** [time, source key, text hash] */
  ln?: [number, string, string];
}

export function urlKey(panelId: number): string {
  return `podlogs-${panelId}`;
}

export function lineHash(text: string): string {
  return stableHash(text).toString(36);
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeView(view: UrlView): string {
  const wire: Wire = {};
  const { search } = view;
  if (search.text !== '') {
    wire.q = search.text;
  }
  const flags = `${search.regex ? 'r' : ''}${search.caseSensitive ? 'c' : ''}${search.onlyMatching ? 'o' : ''}`;
  if (flags) {
    wire.f = flags;
  }
  if (search.exclude.length > 0) {
    wire.x = search.exclude;
  }
  if (view.hiddenLevels.length > 0) {
    wire.l = view.hiddenLevels;
  }
  if (view.hiddenSources.length > 0) {
    wire.s = view.hiddenSources;
  }
  if (view.window) {
    wire.w = view.window.kind === 'last' ? view.window.ms : [view.window.from, view.window.to];
  }
  if (view.line) {
    wire.ln = [view.line.t, view.line.src, view.line.h];
  }
  return toBase64Url(JSON.stringify(wire));
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isString) : []);

/** The view in a URL value; undefined for anything malformed (an old or hand-edited link opens the default view). */
export function decodeView(value: unknown): UrlView | undefined {
  if (!isString(value) || value === '') {
    return undefined;
  }
  let wire: Wire;
  try {
    wire = JSON.parse(fromBase64Url(value));
  } catch {
    return undefined;
  }
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
    return undefined;
  }
  const flags = isString(wire.f) ? wire.f : '';
  const view: UrlView = {
    search: {
      text: isString(wire.q) ? wire.q : '',
      regex: flags.includes('r'),
      caseSensitive: flags.includes('c'),
      onlyMatching: flags.includes('o'),
      exclude: strings(wire.x),
    },
    hiddenLevels: strings(wire.l).filter((l) => (LOG_LEVELS as readonly string[]).includes(l)),
    hiddenSources: strings(wire.s),
  };
  const w = wire.w;
  if (isFiniteNumber(w) && w > 0) {
    view.window = { kind: 'last', ms: w };
  } else if (Array.isArray(w) && isFiniteNumber(w[0]) && isFiniteNumber(w[1]) && w[0] < w[1]) {
    view.window = { kind: 'range', from: w[0], to: w[1] };
  }
  const ln = wire.ln;
  if (Array.isArray(ln) && isFiniteNumber(ln[0]) && isString(ln[1]) && isString(ln[2])) {
    view.line = { t: ln[0], src: ln[1], h: ln[2] };
  }
  return view;
}

/** The view a panel's URL value holds, read once when the panel mounts. */
export function readUrlView(panelId: number): UrlView | undefined {
  try {
    return decodeView(locationService.getSearchObject()[urlKey(panelId)]);
  } catch {
    return undefined;
  }
}

/** The session's starting values from a URL view (sources wait for their lines: see useUrlState). */
export function initialFromUrl(view: UrlView | undefined): InitialView {
  if (!view) {
    return {};
  }
  return {
    search: view.search,
    hiddenLevels: levelsHiddenByName(view.hiddenLevels),
    window: view.window,
  };
}

/** The store row of a named line, or -1 while it has not arrived. O(log n) plus the lines of that instant. */
export function findLine(store: LogStore, line: LineRef): number {
  const { times } = store;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // NaN times sort first in the store
    if (times[mid] < line.t || times[mid] !== times[mid]) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (let i = lo; i < times.length && times[i] === line.t; i++) {
    const source = store.sourceTable.list[store.sources[i]];
    if ((source?.key ?? '') === line.src && lineHash(store.texts[i]) === line.h) {
      return i;
    }
  }
  return -1;
}

/** How long the URL waits for the view to settle before it is written (typing a search changes it per key). */
export const URL_WRITE_MS = 400;

function viewOf(session: PodLogsSession, store: LogStore, line: LineRef | undefined): UrlView {
  return {
    ...portableFilters(session, store),
    window: session.viewWindow,
    line,
  };
}

function withPending(session: PodLogsSession, store: LogStore, line: LineRef | undefined, pending: string[]): string {
  const view = viewOf(session, store, line);
  return encodeView({ ...view, hiddenSources: [...view.hiddenSources, ...pending] });
}

/**
 * Keeps the panel's view in the URL (replacing the entry, debounced: no history entry per keystroke), restores
 * hidden sources and the linked line from the link as their lines arrive, and marks and scrolls to that line.
 * `fromUrl` is what the URL held at mount; `defaults` is the view without a link (the key is removed when the
 * view is back to it).
 */
export function useUrlState(panelId: number, session: PodLogsSession, fromUrl: UrlView | undefined, defaults: string) {
  const { store } = session;
  const key = urlKey(panelId);
  const [line, setLine] = useState<LineRef | undefined>(fromUrl?.line);
  const scrolled = useRef(false);
  const pendingSources = useRef(new Set(fromUrl?.hiddenSources ?? []));

  const version = store.version;
  const { setHiddenSources } = session;
  // hidden sources of a link are applied when their lines arrive
  useEffect(() => {
    const pending = pendingSources.current;
    if (pending.size === 0) {
      return;
    }
    const found: number[] = [];
    store.sourceTable.list.forEach((s, i) => {
      if (pending.delete(s.key)) {
        found.push(i);
      }
    });
    if (found.length > 0) {
      setHiddenSources((h) => {
        const next = h.slice();
        found.forEach((i) => (next[i] = true));
        return next;
      });
    }
  }, [store, version, setHiddenSources]);

  // the linked line's seq, once its lines have arrived (a binary search per store version)
  const lineSeq = useMemo(
    () => {
      const row = line ? findLine(store, line) : -1;
      return row >= 0 ? store.seqs[row] : -1;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, version, line]
  );

  // ... then scrolled to once the filters show it (and following stops, so the list stays there)
  const { rows, listRef, following, follow, sortOrder } = session;
  useEffect(() => {
    if (lineSeq < 0 || scrolled.current || !line) {
      return;
    }
    const row = findLine(store, line);
    // oldest first the rows are in store order: a binary search; newest first, a walk (once, when it shows)
    const at = sortOrder === 'newestFirst' ? rows.indexOf(row) : lowerBound(rows, row);
    const index = row >= 0 && rows[at] === row ? at : -1;
    if (index >= 0) {
      scrolled.current = true;
      if (following) {
        follow(false);
      }
      listRef.current?.scrollToIndex(index);
    }
  }, [rows, lineSeq, line, store, listRef, following, follow, sortOrder]);

  const encoded = encodeView(viewOf(session, store, line));
  const latest = useRef(session);
  useEffect(() => {
    latest.current = session;
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      // pods a link hid whose lines have not arrived stay in the link
      const pending = Array.from(pendingSources.current);
      const current = pending.length === 0 ? encoded : withPending(latest.current, store, line, pending);
      const value = current === defaults ? null : current;
      if ((locationService.getSearchObject()[key] ?? null) !== value) {
        locationService.partial({ [key]: value }, true);
      }
    }, URL_WRITE_MS);
    return () => clearTimeout(timer);
  }, [key, encoded, defaults, store, line]);

  /** links the line at this store row (again: unlinks it); returns the page's link to the view with it */
  const linkLine = useCallback(
    (row: number): string => {
      const seq = store.seqs[row];
      const next =
        seq === lineSeq
          ? undefined
          : {
              t: store.times[row],
              src: store.sourceTable.list[store.sources[row]]?.key ?? '',
              h: lineHash(store.texts[row]),
            };
      setLine(next);
      scrolled.current = true;
      const params = new URLSearchParams(window.location.search);
      params.set(key, encodeView(viewOf(latest.current, store, next)));
      return `${window.location.origin}${window.location.pathname}?${params.toString()}`;
    },
    [store, lineSeq, key]
  );

  return { lineSeq, linkLine };
}

/** The URL value of the view a panel shows without a link: the key is left out while the view is this. */
export function defaultViewValue(defaultSearch: string, regex: boolean): string {
  const search = { text: defaultSearch, regex, caseSensitive: false, onlyMatching: false, exclude: [] };
  return encodeView({ search, hiddenLevels: [], hiddenSources: [] });
}
