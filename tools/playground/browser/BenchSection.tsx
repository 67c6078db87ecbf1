import React, { useEffect, useRef, useState } from 'react';
import { getDefaultTimeRange, LoadingState, type PanelData, type PanelPlugin } from '@grafana/data';

import { PODLOGS_TEST_IDS } from '../../../src/panel/testIds';
import { benchFrame } from './benchLines';
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
  /** animation frames per second while `perSecond` lines arrive for `seconds`, and the lines then held */
  follow(perSecond: number, seconds: number): Promise<{ fps: number; sent: number; status: string }>;
}

declare global {
  interface Window {
    kubeglanceBench?: BenchApi;
  }
}

const nextFrame = () => new Promise<number>((done) => requestAnimationFrame(done));

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
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
  const [data, setData] = useState<PanelData>(() => streamData([], LoadingState.Done, 'bench-0'));
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const status = () => root.current?.querySelector(`[data-testid="${PODLOGS_TEST_IDS.status}"]`)?.textContent ?? '';
    const rowsShown = () =>
      (root.current?.querySelectorAll(`[data-testid="${PODLOGS_TEST_IDS.body}"]`).length ?? 0) > 0;

    const api: BenchApi = {
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
        const counter = () => root.current?.querySelector(`[data-testid="${PODLOGS_TEST_IDS.matchCounter}"]`);
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const t0 = performance.now();
        setValue.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await until(() => Boolean(counter()));
        await nextFrame();
        const searchMs = performance.now() - t0;

        const before = status();
        const t1 = performance.now();
        only.click();
        await until(() => status() !== before);
        await nextFrame();
        return { searchMs, filterMs: performance.now() - t1, status: status() };
      },
      follow: async (perSecond, seconds) => {
        benchRequest += 1;
        const requestId = `bench-${benchRequest}`;
        const tickMs = 50;
        const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
        let sent = 0;
        const start = Date.now();
        const timer = window.setInterval(() => {
          const frame = benchFrame(sent, perTick, start);
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
        // the last batch may still be rendering: wait until the panel counts every line sent
        await until(() => (status().match(/[\d,]+/g) ?? []).pop()?.replace(/,/g, '') === String(sent));
        return { fps: frames / elapsed, sent, status: status() };
      },
    };
    window.kubeglanceBench = api;
    return () => {
      delete window.kubeglanceBench;
    };
  }, []);

  return (
    <div ref={root}>
      <HostedPanel
        plugin={panel}
        data={data}
        width={width}
        height={480}
        title="Bench"
        testId={PLAYGROUND_TEST_IDS.benchPanel}
      />
    </div>
  );
}
