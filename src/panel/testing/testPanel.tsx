/** Rendering the panel with full PanelProps, for the panel's tests. */
import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import {
  type DataFrame,
  type DataQueryError,
  EventBusSrv,
  getDefaultTimeRange,
  LoadingState,
  type PanelData,
  type PanelProps,
} from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { DEFAULT_POD_LOGS_OPTIONS, type PodLogsOptions } from '../options';
import { PodLogsPanel } from '../PodLogsPanel';
import { PODLOGS_TEST_IDS } from '../testIds';
import { T0 } from './testFrames';

// nav: the panel keeps its view in the page URL (view/urlState.ts); every test starts from a clean one, as
// RTL's cleanup does for the DOM, so a view written by one test does not open in the next
afterEach(() => {
  locationService.replace('/');
});

export interface PanelInput {
  options?: Partial<PodLogsOptions>;
  errors?: DataQueryError[];
  state?: LoadingState;
  timeZone?: string;
  requestId?: string;
  height?: number;
}

export function panelProps(series: DataFrame[], input: PanelInput = {}): PanelProps<PodLogsOptions> {
  const timeRange = getDefaultTimeRange();
  const data: PanelData = {
    series,
    state: input.state ?? LoadingState.Done,
    timeRange,
    errors: input.errors,
    request: input.requestId ? ({ requestId: input.requestId } as PanelData['request']) : undefined,
  };
  return {
    id: 1,
    data,
    timeRange,
    timeZone: input.timeZone ?? 'utc',
    options: { ...DEFAULT_POD_LOGS_OPTIONS, ...input.options },
    transparent: false,
    width: 900,
    height: input.height ?? 420,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Checkout logs',
    eventBus: new EventBusSrv(),
    replaceVariables: (s: string) => s,
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
  };
}

/**
 * Lets the panel's engine answer: runs the timers it is waiting on (the in-process worker of
 * engine/spawnWorker.stub.ts delivers each message in a later task) until nothing more is pending. Needs jest's
 * fake timers, under which the engine's slices never run out of time, so the answer never depends on the
 * machine's speed.
 */
export function flush(): void {
  // 10 ms at a time (fake timers run a zero-delay timer one tick later; the panel draws engine answers at most
  // every 50 ms), 150 ms in all: the clock barely moves, so relative timestamps and "Copied" stay as they are
  for (let i = 0; i < 15; i++) {
    act(() => {
      jest.advanceTimersByTime(10);
    });
  }
}

/** Renders the panel and lets its engine answer. Call jest.useFakeTimers() first. */
export function renderPanel(series: DataFrame[], input: PanelInput = {}) {
  const props = panelProps(series, input);
  const result = render(<PodLogsPanel {...props} />);
  flush();
  return {
    ...result,
    props,
    /** re-renders with new frames, as Grafana does when data arrives, and lets the engine answer */
    update: (next: DataFrame[], more: PanelInput = {}) => {
      result.rerender(<PodLogsPanel {...panelProps(next, { ...input, ...more })} />);
      flush();
    },
  };
}

/**
 * jsdom lays nothing out, so an element's scrollHeight and clientHeight are 0. The list scrolls to its newest
 * line by the browser's maximum scroll offset; give the list element the sizes a browser would: its content's
 * height, and a fixed viewport. Returns a function that removes the shim.
 */
export function emulateListLayout(viewportPx = 300): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    scrollHeight: Object.getOwnPropertyDescriptor(proto, 'scrollHeight'),
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
  };
  const isList = (el: HTMLElement) => el.getAttribute('role') === 'log';
  Object.defineProperty(proto, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const content = this.firstElementChild as HTMLElement | null;
      return isList(this) && content ? parseFloat(content.style.height) || 0 : 0;
    },
  });
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isList(this) ? viewportPx : 0;
    },
  });
  return () => {
    for (const [key, descriptor] of Object.entries(saved)) {
      if (descriptor) {
        Object.defineProperty(proto, key, descriptor);
      } else {
        delete (proto as unknown as Record<string, unknown>)[key];
      }
    }
  };
}

/** The fake clock every panel test runs under: just after the test frames' lines (T0). */
export function withPanelClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 + 65_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}

/**
 * Lets @grafana/ui's menus and tooltips place themselves: floating-ui resolves their position in a promise, which
 * would otherwise settle after the test's last act (React warns of an update outside act).
 */
export async function settleFloating(): Promise<void> {
  await act(async () => {});
}

/** A click, then the engine's answer. */
export function click(el: HTMLElement): void {
  fireEvent.click(el);
  flush();
}

/** The line texts drawn, top to bottom. */
export const bodies = () => screen.queryAllByTestId(PODLOGS_TEST_IDS.body).map((b) => b.textContent);
