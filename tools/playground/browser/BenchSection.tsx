import React, { useEffect, useRef, useState } from 'react';
import { getDefaultTimeRange, LoadingState, type PanelData, type PanelPlugin } from '@grafana/data';

import { PODLOGS_TEST_IDS } from '../../../src/panel/testIds';
import {
  benchFrame,
  benchLine,
  colouredLine,
  linesFrame,
  longColouredLine,
  podsFrames,
  sgrBombLine,
} from './benchLines';
import { HostedPanel } from './HostedPanel';
import { PLAYGROUND_TEST_IDS } from './testIds';

/** What tools/browser-checks call through `window.kubeglanceBench`; every figure is measured here, in the page. */
export interface BenchApi {
  /** ms from handing the panel `lines` lines to the frame after it shows them */
  render(lines: number): Promise<number>;
  /**
   * ms from typing `text` in the panel's search to the frame after its match count shows, then from turning
   * on "Only matching" to the frame after the filtered line count shows
   */
  filter(text: string): Promise<{ searchMs: number; filterMs: number; status: string }>;
  /**
   * animation frames per second while `perSecond` lines arrive for `seconds` on top of `held` lines of the same
   * stream, and the lines then held (at most the panel's default 100,000)
   */
  follow(perSecond: number, seconds: number, held?: number): Promise<{ fps: number; sent: number; status: string }>;
  /**
   * Hands the panel hostile lines (`sgr`: one line of a single SGR sequence of `n` bytes; `coloured`: n lines
   * full of colours; `plain`: n ordinary lines) and waits until it shows lines or a message. Long tasks (the
   * Long Tasks API) are recorded from the hand-over until the page has been idle for a moment.
   */
  hostile(kind: 'sgr' | 'long' | 'coloured' | 'plain' | 'pods', n: number): Promise<Responsiveness>;
  /** Types `text` into the search (as a regular expression when asked) and waits for its answer, recording long tasks. */
  search(text: string, regex: boolean): Promise<Responsiveness & { counter: string; error: string }>;
  /** Scrolls the list from top to bottom in steps, recording long tasks. */
  scrollThrough(steps: number): Promise<Responsiveness>;
  /** Clicks "show more" on the first cut line `times` times, recording long tasks. */
  expand(times: number): Promise<Responsiveness & { body: number }>;
  /** Hides a level by its chip (while following, a filter on top of the search). */
  hideLevel(level: string): Promise<void>;
  /** Text colours as rendered (pod labels, level bars, marker bands, JSON) and the background behind them. */
  colours(): Array<{ kind: string; name: string; color: string; background: string }>;
  /** The worker's script URL if the panel started one, from the resource timing entries. */
  workerScripts(): string[];
  /** ms to build `lines` bench lines as strings in the page: the baseline of bench/panelBrowser.bench.ts */
  buildLines(lines: number): number;
  /** ms from scrolling the list to its top to the frame after the oldest line (seq=0) is drawn */
  jumpToOldest(): Promise<number>;
  /** how long each later step waits for the panel before it gives up (default 120 s) */
  setPatience(ms: number): void;
}

export interface Responsiveness {
  /** ms from the action to lines (or a message) on screen */
  ms: number;
  /** the longest main-thread task seen, ms (0 when none reached 50 ms) */
  longestTask: number;
  /** tasks of 50 ms or more */
  longTasks: number;
  /** lines or the message the panel showed */
  shown: string;
}

/** Long tasks (>= 50 ms, the Long Tasks API) while `action` runs and until the page has been idle for `idleMs`. */
async function watchLongTasks(action: () => Promise<string>, idleMs = 400): Promise<Responsiveness> {
  // The caller may have just built its lines in this task: let that task end first, or the observer (made in
  // it) would report the bench's own work as the panel's.
  await new Promise((done) => window.setTimeout(done, 0));
  await nextFrame();
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      durations.push(entry.duration);
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const t0 = performance.now();
  const shown = await action();
  const ms = performance.now() - t0;
  // let the worker's answers and the renders they cause happen, then stop recording
  await new Promise((done) => window.setTimeout(done, idleMs));
  await nextFrame();
  observer.disconnect();
  return { ms, longestTask: durations.length ? Math.max(...durations) : 0, longTasks: durations.length, shown };
}

declare global {
  interface Window {
    kubeglanceBench?: BenchApi;
  }
}

/** The panel's default line limit (options.ts maxLines); `?maxLines=` sets another. */
const DEFAULT_KEEP = 100_000;

const nextFrame = () => new Promise<number>((done) => requestAnimationFrame(done));

/** How long a bench step waits for the panel; bench/panelBrowser.bench.ts raises it for a million lines. */
let patienceMs = 120_000;

async function until(check: () => boolean, timeoutMs = patienceMs): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) {
      throw new Error('bench: timed out waiting for the panel');
    }
    await nextFrame();
  }
}

let benchRequest = 0;

function streamData(series: PanelData['series'], state: LoadingState, requestId: string): PanelData {
  return { state, series, timeRange: getDefaultTimeRange(), request: { requestId } as PanelData['request'] };
}

/** A second pod-logs panel fed synthetic lines, for the measurements of the browser checks (`?bench`). */
export function BenchSection({ panel, width }: { panel: PanelPlugin; width: number }) {
  // `?bench&maxLines=1000000`: the panel keeps that many lines (bench/panelBrowser.bench.ts holds a million)
  const [saved] = useState(() => {
    const maxLines = Number(new URLSearchParams(window.location.search).get('maxLines'));
    return maxLines > 0 ? { maxLines } : undefined;
  });
  const [data, setData] = useState<PanelData>(() => streamData([], LoadingState.Done, 'bench-0'));
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const status = () => root.current?.querySelector(`[data-testid="${PODLOGS_TEST_IDS.status}"]`)?.textContent ?? '';
    const rowsShown = () =>
      (root.current?.querySelectorAll(`[data-testid="${PODLOGS_TEST_IDS.body}"]`).length ?? 0) > 0;

    const api = {
      render: async (lines) => {
        benchRequest += 1;
        const frame = benchFrame(0, lines, Date.now() - lines);
        const expected = `${lines.toLocaleString('en-US')} lines`;
        const t0 = performance.now();
        setData(streamData([frame], LoadingState.Done, `bench-${benchRequest}`));
        await until(() => status() === expected && rowsShown());
        await nextFrame();
        return performance.now() - t0;
      },
      filter: async (text) => {
        const input = root.current?.querySelector<HTMLInputElement>('input[aria-label="Search the lines"]');
        const only = root.current?.querySelector<HTMLElement>(`[data-testid="${PODLOGS_TEST_IDS.onlyMatching}"]`);
        if (!input || !only) {
          throw new Error('bench: the panel has no search box or "Only matching" switch');
        }
        const counter = () =>
          root.current?.querySelector(`[data-testid="${PODLOGS_TEST_IDS.matchCounter}"]`)?.textContent ?? '';
        const filtering = () => Boolean(root.current?.querySelector(`[data-testid="${PODLOGS_TEST_IDS.filtering}"]`));
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const t0 = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // every line searched: a count, not "Searching…" or a count still growing ("…")
        await until(() => /\d/.test(counter()) && !/…$/.test(counter()));
        await nextFrame();
        const searchMs = performance.now() - t0;

        const before = status();
        const t1 = performance.now();
        only.click();
        // every line filtered, not the worker's first partial answer
        await until(() => status() !== before && !filtering());
        await nextFrame();
        return { searchMs, filterMs: performance.now() - t1, status: status() };
      },
      follow: async (perSecond, seconds, held = 0) => {
        benchRequest += 1;
        const requestId = `bench-${benchRequest}`;
        const tickMs = 50;
        const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
        let sent = 0;
        const start = Date.now() - held;
        if (held > 0) {
          // the stream starts with `held` lines, which the panel keeps while the new ones arrive
          setData(streamData([benchFrame(0, held, start)], LoadingState.Streaming, requestId));
          await until(() => (status().match(/[\d,]+/g) ?? []).pop()?.replace(/,/g, '') === String(held));
          // and filtered: following is measured from there, not the reading of the held lines (first render's)
          await until(() => !root.current?.querySelector(`[data-testid="${PODLOGS_TEST_IDS.filtering}"]`));
          await nextFrame();
        }
        const timer = window.setInterval(() => {
          const frame = benchFrame(held + sent, perTick, start);
          sent += perTick;
          setData(streamData([frame], LoadingState.Streaming, requestId));
        }, tickMs);
        let frames = 0;
        let counting = true;
        const count = () => {
          if (counting) {
            frames += 1;
            requestAnimationFrame(count);
          }
        };
        const t0 = performance.now();
        requestAnimationFrame(count);
        await new Promise((done) => window.setTimeout(done, seconds * 1000));
        counting = false;
        window.clearInterval(timer);
        const elapsed = (performance.now() - t0) / 1000;
        // the last batch may still be rendering: wait until the panel counts every line it keeps
        const kept = String(Math.min(held + sent, saved?.maxLines ?? DEFAULT_KEEP));
        await until(() => (status().match(/[\d,]+/g) ?? []).pop()?.replace(/,/g, '') === kept);
        return { fps: frames / elapsed, sent, status: status() };
      },
    } as BenchApi;
    const q = (id: string) => root.current?.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const qa = (id: string) => Array.from(root.current?.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`) ?? []);
    /** what the panel shows: its status line with lines, or its message */
    const shownText = () => {
      const bodies = qa(PODLOGS_TEST_IDS.body).length;
      if (bodies > 0) {
        return `${bodies} rows drawn; ${status()}`;
      }
      return (q(PODLOGS_TEST_IDS.noMatch) ?? q(PODLOGS_TEST_IDS.empty))?.textContent ?? '';
    };
    api.hostile = async (kind, n) => {
      // start from an empty panel, so the lines measured are the new ones (and a second run is a real re-run)
      benchRequest += 1;
      setData(streamData([], LoadingState.Done, `bench-${benchRequest}`));
      await until(() => Boolean(q(PODLOGS_TEST_IDS.empty)));
      await nextFrame();
      benchRequest += 1;
      const start = Date.now() - n;
      const frames =
        kind === 'pods'
          ? podsFrames(12, Math.ceil(n / 12), start)
          : [
              linesFrame(
                kind === 'sgr'
                  ? [sgrBombLine(n)]
                  : kind === 'long'
                    ? [longColouredLine(n)]
                    : Array.from({ length: n }, (_, i) => (kind === 'coloured' ? colouredLine(i) : benchLine(i))),
                start
              ),
            ];
      const total = frames.reduce((sum, f) => sum + f.length, 0);
      const expected = `${total.toLocaleString('en-US')} lines`;
      return watchLongTasks(async () => {
        setData(streamData(frames, LoadingState.Done, `bench-${benchRequest}`));
        await until(() => status().endsWith(expected) && shownText() !== '');
        await nextFrame();
        return shownText();
      });
    };
    api.search = async (text, regex) => {
      const input = root.current?.querySelector<HTMLInputElement>('input[aria-label="Search the lines"]');
      const regexToggle = q(PODLOGS_TEST_IDS.regexToggle);
      if (!input || !regexToggle) {
        throw new Error('bench: the panel has no search box');
      }
      if ((regexToggle.getAttribute('aria-pressed') === 'true') !== regex) {
        regexToggle.click();
      }
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const counter = () => q(PODLOGS_TEST_IDS.matchCounter)?.textContent ?? '';
      const error = () => q(PODLOGS_TEST_IDS.searchError)?.textContent ?? '';
      const settled = () => text === '' || error() !== '' || (/\d|No matches/.test(counter()) && !/…$/.test(counter()));
      const r = await watchLongTasks(async () => {
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await nextFrame();
        await until(settled);
        return shownText();
      });
      return { ...r, counter: counter(), error: error() };
    };
    api.scrollThrough = (steps) =>
      watchLongTasks(async () => {
        const list = q(PODLOGS_TEST_IDS.list);
        if (!list) {
          throw new Error('bench: no list');
        }
        for (let k = 0; k <= steps; k++) {
          list.scrollTop = ((list.scrollHeight - list.clientHeight) * k) / steps;
          await nextFrame();
        }
        return shownText();
      });
    api.expand = async (times) => {
      const r = await watchLongTasks(async () => {
        for (let k = 0; k < times; k++) {
          const more = q(PODLOGS_TEST_IDS.expandLine);
          if (!more) {
            break;
          }
          more.click();
          await nextFrame();
        }
        return shownText();
      });
      return { ...r, body: q(PODLOGS_TEST_IDS.body)?.textContent?.length ?? 0 };
    };
    api.hideLevel = async (level) => {
      const chip = qa(PODLOGS_TEST_IDS.levelChip).find((c) => c.getAttribute('data-value') === level);
      if (!chip) {
        throw new Error(`bench: no ${level} chip`);
      }
      const before = status();
      chip.click();
      await until(() => status() !== before);
    };
    api.colours = () => {
      const out: Array<{ kind: string; name: string; color: string; background: string }> = [];
      // the colour behind an element: its own and its ancestors' backgrounds, translucent tints composited over
      // the first opaque one (a marker band's 15 % tint is seen over the panel, not on its own)
      const backgroundOf = (el: Element | null): string => {
        const layers: number[][] = [];
        for (let e = el; e; e = e.parentElement) {
          const [r, g, b, a = 1] = (getComputedStyle(e).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
          if (a > 0 && r !== undefined) {
            layers.push([r, g, b, a]);
            if (a >= 1) {
              break;
            }
          }
        }
        if (!layers.length || layers[layers.length - 1][3] < 1) {
          const [r, g, b] = (
            getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? ['255', '255', '255']
          ).map(Number);
          layers.push([r, g, b, 1]);
        }
        let [r, g, b] = layers[layers.length - 1];
        for (let k = layers.length - 2; k >= 0; k--) {
          const [lr, lg, lb, la] = layers[k];
          [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
        }
        return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
      };
      for (const el of qa(PODLOGS_TEST_IDS.source)) {
        out.push({
          kind: 'pod',
          name: el.textContent ?? '',
          color: getComputedStyle(el).color,
          background: backgroundOf(el),
        });
      }
      // marker bands: every text in them (kind, time, pod/container, message) against the band's tint
      for (const band of qa(PODLOGS_TEST_IDS.marker)) {
        for (const part of Array.from(band.querySelectorAll('span'))) {
          if ((part.textContent ?? '').trim() !== '') {
            out.push({
              kind: 'marker',
              name: `${band.getAttribute('data-marker') ?? ''}: ${part.textContent ?? ''}`.slice(0, 60),
              color: getComputedStyle(part).color,
              background: backgroundOf(part),
            });
          }
        }
      }
      for (const row of qa(PODLOGS_TEST_IDS.row)) {
        out.push({
          kind: 'level',
          name: row.getAttribute('data-level') ?? '',
          color: getComputedStyle(row).borderLeftColor,
          background: backgroundOf(row),
        });
      }
      return out;
    };
    api.workerScripts = () =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => /podlogs-worker/.test(name));
    api.buildLines = (lines) => {
      const t0 = performance.now();
      const built = Array.from({ length: lines }, (_, i) => benchLine(i));
      const ms = performance.now() - t0;
      if (built.length !== lines) {
        throw new Error('bench: lines were not built');
      }
      return ms;
    };
    api.setPatience = (ms) => {
      patienceMs = ms;
    };
    api.jumpToOldest = async () => {
      const list = q(PODLOGS_TEST_IDS.list);
      if (!list) {
        throw new Error('bench: no list');
      }
      const oldestShown = () => qa(PODLOGS_TEST_IDS.body).some((b) => (b.textContent ?? '').endsWith(' seq=0'));
      const t0 = performance.now();
      // as a reader does: a wheel turn up, which pauses following (else new filter answers scroll back down)
      list.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
      list.scrollTop = 0;
      await until(() => {
        if (oldestShown()) {
          return true;
        }
        list.scrollTop = 0;
        return false;
      }, 60_000);
      await nextFrame();
      return performance.now() - t0;
    };
    window.kubeglanceBench = api;
    return () => {
      delete window.kubeglanceBench;
    };
  }, [saved?.maxLines]);

  return (
    <div ref={root}>
      <HostedPanel
        plugin={panel}
        data={data}
        width={width}
        height={480}
        title="Bench"
        testId={PLAYGROUND_TEST_IDS.benchPanel}
        options={saved}
      />
    </div>
  );
}
