/** @jest-environment node */
/*
 * The pod-logs panel from dist/ fed what real clusters produce at their worst, in Chromium: one 1 MB line made
 * of a single SGR sequence, 20,000 coloured lines, the search `(a+)+$` over 100,000 lines. The page must stay
 * responsive: no main-thread task long enough to be a freeze (the Long Tasks API, in the page), and the panel
 * shows lines or a message. React runs its production build, as in Grafana. Then the reading colours as rendered,
 * in both themes: every pod label, level colour and text of a marker band (a restart, a pod event) meets WCAG AA
 * (4.5:1) on the background behind it, and no pod has a level's colour.
 */
import { existsSync } from 'fs';

import { contrastRatio } from '../../src/common/contrast';
import { PLAYGROUND_TEST_IDS as IDS } from '../playground/browser/testIds';
import type { BenchApi, Responsiveness } from '../playground/browser/BenchSection';
import { CHROMIUM_PATH, MISSING_CHROMIUM } from './chromium';
import { BROWSER_HOSTS, openPlayground, type Session } from './session';

jest.setTimeout(300_000);

/**
 * No main-thread task may last longer than this (issue 15): the Long Tasks API reports every task from 50 ms. The
 * freezes this guards against lasted 2.8 to 44 s; a working panel's longest tasks are printed (50 to 160 ms on a
 * quiet 2-core machine, mostly garbage collection after reading 100,000 lines).
 */
const LONGEST_TASK_MS = 200;
/**
 * Runs of a scenario at most: another process on a busy 2-core machine can stretch one task past the bound (a
 * collection pause, a stolen time slice), while a real freeze, like the 44 s of the 1 MB line before, happens on
 * every run. The best run counts; every run is printed.
 */
const ATTEMPTS = 3;

describe.each(BROWSER_HOSTS)('$title', ({ id, title }) => {
  let session: Session;
  const figures: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(MISSING_CHROMIUM);
    }
    session = await openPlayground('/?bench', id, 'production');
    await session.page.waitForFunction(() => Boolean((window as { kubeglanceBench?: unknown }).kubeglanceBench));
  }, 240_000);

  afterAll(async () => {
    console.log([`pod-logs panel under hostile input, ${title} (measured in Chromium):`, ...figures].join('\n'));
    await session?.close();
  });

  type BenchWindow = { kubeglanceBench: BenchApi };
  const bench = <T>(fn: (api: BenchApi, arg: never) => Promise<T> | T, arg?: unknown): Promise<T> =>
    session.page.evaluate(
      ([source, a]) => {
        const f = new Function('api', 'arg', `return (${source})(api, arg);`) as (api: unknown, arg: unknown) => T;
        return f((window as unknown as BenchWindow).kubeglanceBench, a);
      },
      [fn.toString(), arg] as const
    );

  /** A scenario, run again (up to ATTEMPTS runs) while its longest task is over the bound. */
  async function measure<T extends Responsiveness>(what: string, run: () => Promise<T>): Promise<T> {
    let best = await run();
    record(what, best);
    for (let attempt = 2; attempt <= ATTEMPTS && best.longestTask >= LONGEST_TASK_MS; attempt++) {
      const again = await run();
      record(`${what} (run ${attempt})`, again);
      best = again.longestTask < best.longestTask ? again : best;
    }
    return best;
  }

  function record(what: string, r: Responsiveness) {
    figures.push(
      `  ${what}: ${r.ms.toFixed(0)} ms to show, longest task ${r.longestTask.toFixed(0)} ms ` +
        `(${r.longTasks} tasks of 50 ms or more); shown: ${r.shown.slice(0, 80)}`
    );
  }

  const panel = () => session.page.getByTestId(IDS.benchPanel);

  test('the panel starts its filtering worker from dist/', async () => {
    await bench((api) => api.hostile('plain', 10));
    await session.page.waitForFunction(
      () => (window as unknown as BenchWindow).kubeglanceBench.workerScripts().length > 0
    );
    const scripts = await bench((api) => api.workerScripts());
    expect(scripts[0]).toMatch(/\/public\/plugins\/kubeglance-kubernetes-app\/podlogs-worker\.js/);
    expect(await panel().getByText('Filtering runs on the page', { exact: false }).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  test('a 1 MB line of one SGR sequence shows its text at once, and expands in bounded steps', async () => {
    const shown = await measure('one 1 MB SGR line', () => bench((api, n: number) => api.hostile('sgr', n), 1_000_000));
    await session.screenshot('podlogs-sgr-1mb', panel());
    expect(shown.shown).toMatch(/^1 rows drawn; 1 lines/);
    expect(await panel().getByText('after the sequence').count()).toBe(1);
    expect(shown.longestTask).toBeLessThan(LONGEST_TASK_MS);
  });

  test('20,000 coloured lines show, scroll and expand without freezing the page', async () => {
    const shown = await measure('20,000 coloured lines', () =>
      bench((api, n: number) => api.hostile('coloured', n), 20_000)
    );
    await session.screenshot('podlogs-coloured-dark', panel());
    const scrolled = await measure('  scrolled top to bottom in 30 steps', () => bench((api) => api.scrollThrough(30)));
    expect(shown.shown).toMatch(/rows drawn; 20,000 lines/);
    expect(shown.longestTask).toBeLessThan(LONGEST_TASK_MS);
    expect(scrolled.longestTask).toBeLessThan(LONGEST_TASK_MS);

    // a 60,000-character coloured line: cut at 10,000, and each "show more" adds 10,000
    const long = await measure('one 60,000-character coloured line', () =>
      bench((api, n: number) => api.hostile('long', n), 60_000)
    );
    const expanded = await measure('  "show more" three times', () => bench((api) => api.expand(3)));
    expect(long.longestTask).toBeLessThan(LONGEST_TASK_MS);
    expect(expanded.longestTask).toBeLessThan(LONGEST_TASK_MS);
    // each click showed 10,000 more characters of the line, with its colours
    expect(long.shown).toMatch(/^1 rows drawn/);
    expect(expanded.body).toBeGreaterThanOrEqual(40_000);
  });

  test('the search (a+)+$ over 100,000 lines answers without freezing the page', async () => {
    const loaded = await measure('100,000 lines', () => bench((api, n: number) => api.hostile('plain', n), 100_000));
    const searched = await measure('  search (a+)+$ as a regular expression', async () => {
      await bench((api) => api.search('', false));
      return bench((api) => api.search('(a+)+$', true));
    });
    await session.screenshot('podlogs-search-redos', panel());
    expect(searched.error).toBe('');
    expect(searched.counter).toBe('No matches');
    expect(searched.longestTask).toBeLessThan(LONGEST_TASK_MS);
    expect(loaded.longestTask).toBeLessThan(LONGEST_TASK_MS);

    const lookahead = await bench((api) => api.search('error(?=x)', true));
    expect(lookahead.error).toMatch(/lookahead and lookbehind .* are not supported/);
    const found = await measure('  search status=5\\d\\d', () => bench((api) => api.search('status=5\\d\\d', true)));
    expect(found.counter).toBe('12,500 matching lines');
    expect(found.longestTask).toBeLessThan(LONGEST_TASK_MS);
    await bench((api) => api.search('', false));
  });

  /** sRGB distance in OKLab-ish terms is overkill here: two colours are "the same" when every channel is within 8. */
  function sameColour(a: string, b: string): boolean {
    const ch = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const [x, y] = [ch(a), ch(b)];
    return x.every((v, i) => Math.abs(v - y[i]) <= 8);
  }

  test.each(['dark', 'light'])(
    'pod, level and marker colours meet WCAG AA as rendered, in the %s theme',
    async (theme) => {
      const { page } = session;
      const toggle = page.getByTestId(IDS.themeToggle);
      if ((await toggle.innerText()).toLowerCase().includes(theme)) {
        await toggle.click();
      }
      await bench((api, n: number) => api.hostile('pods', n), 120);
      const colours = await bench((api) => api.colours());
      await session.screenshot(`podlogs-pods-${theme}`, panel());
      const pods = colours.filter((c) => c.kind === 'pod');
      const levels = colours.filter((c) => c.kind === 'level');
      const markers = colours.filter((c) => c.kind === 'marker');
      expect(new Set(markers.map((m) => m.name.split(':')[0]))).toEqual(new Set(['restart', 'event']));
      expect(new Set(pods.map((p) => p.name)).size).toBeGreaterThan(3);
      expect(new Set(levels.map((l) => l.name)).size).toBeGreaterThan(3);
      const worst = colours
        .map((c) => ({ ...c, ratio: contrastRatio(c.color, c.background) }))
        .sort((a, b) => a.ratio - b.ratio)[0];
      figures.push(
        `  ${theme} theme: lowest contrast ${worst.ratio.toFixed(2)}:1 (${worst.kind} ${worst.name}, ${worst.color} on ${worst.background})`
      );
      for (const c of colours) {
        expect([c.kind, c.name, c.color, contrastRatio(c.color, c.background) >= 4.5]).toEqual([
          c.kind,
          c.name,
          c.color,
          true,
        ]);
      }
      for (const p of pods) {
        for (const l of levels) {
          expect([p.name, p.color, l.name, sameColour(p.color, l.color)]).toEqual([p.name, p.color, l.name, false]);
        }
      }
      // the container name stays readable in the source column
      expect(pods.every((p) => /\/(app|envoy-proxy)$/.test(p.name))).toBe(true);
    }
  );
});
