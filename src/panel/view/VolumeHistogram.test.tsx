import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { dateTime } from '@grafana/data';

import { failWorkerSpawn } from '../engine/spawnWorker.stub';
import { PodLogsPanel } from '../PodLogsPanel';
import { PODLOGS_TEST_IDS as IDS } from '../testIds';
import { VOLUME_REDRAW_MS } from './VolumeHistogram';
import { kubeglanceFrame, T0, type TestLine } from '../testing/testFrames';
import { bodies, click, flush, panelProps, renderPanel, withPanelClock } from '../testing/testPanel';

withPanelClock();

/** 20 lines a minute apart; every fifth one an error */
const minutes = (n = 20): TestLine[] =>
  Array.from({ length: n }, (_, i) => ({
    t: T0 + i * 60_000,
    body: `line ${i}`,
    level: i % 5 === 0 ? 'error' : 'info',
  }));
const bars = () => screen.getAllByTestId(IDS.volumeBar);
const barTotals = () =>
  bars().map((b) => Number(/: ([\d,]+) entr/.exec(b.getAttribute('title') ?? '')?.[1].replace(',', '') ?? 0));

describe('volume histogram', () => {
  it('draws entries per level over the buffer’s span, stacked in level colours', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    const all = bars();
    // 19 minutes over at most 80 bars: 30 s bars
    expect(all.length).toBeGreaterThanOrEqual(38);
    expect(all.length).toBeLessThanOrEqual(80);
    expect(barTotals().reduce((a, b) => a + b, 0)).toBe(20);
    const errors = screen.getByTestId(IDS.volume).querySelectorAll('[data-level="error"]');
    expect(errors).toHaveLength(4);
    expect(all[0].getAttribute('title')).toBe('03:04:00 – 03:04:30: 1 entry (1 error)');
  });

  it('narrows the list to the bars dragged across, with a chip that clears the window', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    const all = bars();
    // the bars holding line 2 (03:06:05) to line 4 (03:08:05)
    const first = all.findIndex((b) => b.getAttribute('title')!.startsWith('03:06:00'));
    const last = all.findIndex((b) => b.getAttribute('title')!.startsWith('03:08:00'));
    fireEvent.mouseDown(all[first]);
    fireEvent.mouseEnter(all[first + 1]);
    fireEvent.mouseEnter(all[last]);
    fireEvent.mouseUp(all[last]);
    flush();
    expect(bodies()).toEqual(['line 2', 'line 3', 'line 4']);
    expect(screen.getByTestId(IDS.windowChip)).toHaveTextContent('Window: 03:06:00 – 03:08:30');
    // the bars outside the window stay, dimmed
    expect(bars()).toHaveLength(all.length);

    click(screen.getByTestId(IDS.clearWindow));
    expect(bodies()).toHaveLength(20);
    expect(screen.queryByTestId(IDS.windowChip)).not.toBeInTheDocument();
  });

  it('takes a click then a shift-click as a range', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    const at = (time: string) => bars().find((b) => b.getAttribute('title')!.startsWith(time))!;
    fireEvent.mouseDown(at('03:20:00'));
    fireEvent.mouseUp(at('03:20:00'));
    flush();
    expect(bodies()).toEqual(['line 16']);
    fireEvent.mouseDown(at('03:22:00'), { shiftKey: true });
    flush();
    expect(bodies()).toEqual(['line 16', 'line 17', 'line 18']);
  });

  it('works from the keyboard: arrows pick a bar, Shift+arrows a range, Enter shows it, Escape clears it', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    const strip = screen.getByTestId(IDS.volumeBars);
    const all = bars();
    const key = (k: string, shiftKey = false) => {
      fireEvent.keyDown(strip, { key: k, shiftKey });
      flush();
    };
    act(() => strip.focus());
    // the keyboard starts at the newest bar; the bar it is on is the listbox's active option
    const active = () => document.getElementById(strip.getAttribute('aria-activedescendant') ?? '');
    key('ArrowLeft');
    expect(active()).toBe(all[all.length - 2]);
    // from the bar holding line 2 (03:06:05), two minutes on: lines 2 to 4
    const first = all.findIndex((b) => b.getAttribute('title')!.startsWith('03:06:00'));
    const last = all.findIndex((b) => b.getAttribute('title')!.startsWith('03:08:00'));
    key('Home');
    for (let i = 0; i < first; i++) {
      key('ArrowRight');
    }
    expect(active()).toBe(all[first]);
    for (let i = first; i < last; i++) {
      key('ArrowRight', true);
    }
    expect(all[first + 1]).toHaveAttribute('aria-selected', 'true');
    key('Enter');
    expect(bodies()).toEqual(['line 2', 'line 3', 'line 4']);
    expect(screen.getByTestId(IDS.windowChip)).toHaveTextContent('Window: 03:06:00 – 03:08:30');
    key('Escape');
    expect(bodies()).toHaveLength(20);
    expect(screen.queryByTestId(IDS.windowChip)).not.toBeInTheDocument();
  });

  it('greys out hidden levels and collapses', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    click(screen.getAllByTestId(IDS.levelChip).find((c) => c.getAttribute('data-value') === 'error')!);
    const volume = screen.getByTestId(IDS.volume);
    expect(volume.querySelectorAll('[data-level="error"][data-hidden="true"]')).toHaveLength(4);
    expect(volume.querySelectorAll('[data-level="info"][data-hidden="true"]')).toHaveLength(0);
    click(screen.getByTestId(IDS.volumeToggle));
    expect(screen.queryAllByTestId(IDS.volumeBar)).toHaveLength(0);
    click(screen.getByTestId(IDS.volumeToggle));
    expect(bars().length).toBeGreaterThan(0);
  });

  it('works the same when filtering runs on the page (no worker)', () => {
    failWorkerSpawn('blocked by the page');
    try {
      renderPanel([kubeglanceFrame(minutes())]);
      expect(barTotals().reduce((a, b) => a + b, 0)).toBe(20);
      const at = (time: string) => bars().find((b) => b.getAttribute('title')!.startsWith(time))!;
      fireEvent.mouseDown(at('03:20:00'));
      fireEvent.mouseUp(at('03:20:00'));
      flush();
      expect(bodies()).toEqual(['line 16']);
    } finally {
      failWorkerSpawn(undefined);
    }
  });

  it('keeps counting as lines stream in, drawing the bars again at most twice a second', () => {
    const { update } = renderPanel([kubeglanceFrame(minutes(10))]);
    expect(barTotals().reduce((a, b) => a + b, 0)).toBe(10);
    update([kubeglanceFrame(minutes(10)), kubeglanceFrame(minutes(20).slice(10), 'B')]);
    // the first counts were drawn under VOLUME_REDRAW_MS ago: the new ones wait their turn, then land
    expect(barTotals().reduce((a, b) => a + b, 0)).toBe(10);
    act(() => {
      jest.advanceTimersByTime(VOLUME_REDRAW_MS);
    });
    expect(barTotals().reduce((a, b) => a + b, 0)).toBe(20);
  });
});

describe('time presets', () => {
  const preset = (label: string) => within(screen.getByTestId(IDS.presets)).getByLabelText(label);

  it('shows the last 5 minutes before the newest line', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    click(preset('5m'));
    // the newest line is at 03:23:05; the window starts at 03:18:00 (rounded down to its 10 s step)
    expect(bodies()).toEqual(['line 14', 'line 15', 'line 16', 'line 17', 'line 18', 'line 19']);
    expect(screen.getByTestId(IDS.windowChip)).toHaveTextContent('Last 5 min');
  });

  it('widens to 15 minutes, and back to every line', () => {
    renderPanel([kubeglanceFrame(minutes())]);
    click(preset('15m'));
    expect(bodies()).toHaveLength(16);
    click(preset('All'));
    expect(bodies()).toHaveLength(20);
    expect(screen.queryByTestId(IDS.windowChip)).not.toBeInTheDocument();
  });

  it('says when the dashboard range does not cover a preset, and offers to widen it', () => {
    const props = panelProps([kubeglanceFrame(minutes())]);
    const from = dateTime(T0 + 10 * 60_000);
    props.data.timeRange = { from, to: dateTime(T0 + 30 * 60_000), raw: { from: 'now-20m', to: 'now' } };
    render(<PodLogsPanel {...props} />);
    flush();
    click(preset('5m'));
    expect(screen.queryByTestId(IDS.presetShort)).not.toBeInTheDocument();
    click(preset('1h'));
    expect(screen.getByTestId(IDS.presetShort)).toHaveTextContent(
      'The dashboard’s time range starts at 03:14:05: older lines are not loaded.'
    );
    click(screen.getByTestId(IDS.widenRange));
    expect(props.onChangeTimeRange).toHaveBeenCalledWith({ from: T0 + 19 * 60_000 - 3_600_000, to: T0 + 30 * 60_000 });
  });
});
