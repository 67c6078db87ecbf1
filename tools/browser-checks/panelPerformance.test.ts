/** @jest-environment node */
/*
 * The pod-logs panel from dist/ under load, in Chromium: 100,000 lines, a filter over them, and 2,000 lines a
 * second while following with a search, "only matching" and a hidden level active. The figures are measured in
 * the page and printed, under React's production build as Grafana serves it; machines differ, so the only figure
 * asserted is a floor no working panel misses (10 frames a second while following, a fifth of the target of 50
 * on 2 cores: a follow that cannot keep up falls to a frame every few seconds). What is asserted besides is that
 * the panel really showed what it was given.
 */
import { existsSync } from 'fs';

import { PODLOGS_TEST_IDS } from '../../src/panel/testIds';
import { PLAYGROUND_TEST_IDS as IDS } from '../playground/browser/testIds';
import type { BenchApi } from '../playground/browser/BenchSection';
import { CHROMIUM_PATH, MISSING_CHROMIUM } from './chromium';
import { BROWSER_HOSTS, openPlayground, type Session } from './session';

jest.setTimeout(240_000);

const LINES = 100_000;
const FOLLOW_RATE = 2_000;
const FOLLOW_SECONDS = 5;
/**
 * Frames per second below which following is broken, not just slow on a busy machine (the target is 50; one CI
 * run with other jobs on the same 2 cores measured 20 under React's development build).
 */
const MIN_FOLLOW_FPS = 10;

describe.each(BROWSER_HOSTS)('$title', ({ id }) => {
  let session: Session;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(MISSING_CHROMIUM);
    }
    session = await openPlayground('/?bench', id, 'production');
    await session.page.waitForFunction(() => Boolean((window as { kubeglanceBench?: unknown }).kubeglanceBench));
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  type BenchWindow = { kubeglanceBench: BenchApi };

  const count = (text: string) => (text.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));

  test(`the panel renders ${LINES.toLocaleString('en-US')} lines, filters them and keeps up with ${FOLLOW_RATE.toLocaleString('en-US')} lines a second`, async () => {
    const { page } = session;
    const renderMs = await page.evaluate((n) => (window as unknown as BenchWindow).kubeglanceBench.render(n), LINES);
    const panel = page.getByTestId(IDS.benchPanel);
    await session.screenshot('bench-100k', panel);

    const filtered = await page.evaluate(() => (window as unknown as BenchWindow).kubeglanceBench.filter('failed'));
    await session.screenshot('bench-filtered', panel);
    const [shown, total] = count(filtered.status);

    // a filter on top of the search: "failed" is in the error and warning lines (benchLines.ts); hide warnings
    await page.evaluate(() => (window as unknown as BenchWindow).kubeglanceBench.hideLevel('warning'));
    const follow = await page.evaluate(
      ([rate, seconds, held]) => (window as unknown as BenchWindow).kubeglanceBench.follow(rate, seconds, held),
      [FOLLOW_RATE, FOLLOW_SECONDS, LINES] as const
    );
    await session.screenshot('bench-follow', panel);
    const [followShown, followTotal] = count(follow.status);

    console.log(
      [
        `pod-logs panel in Chromium, ${session.playground.host.label} (measured in the page, not asserted):`,
        `  first render of ${LINES.toLocaleString('en-US')} lines: ${renderMs.toFixed(0)} ms`,
        `  search "failed" over them (highlight, match count): ${filtered.searchMs.toFixed(0)} ms`,
        `  filter to the matching lines: ${filtered.filterMs.toFixed(0)} ms (${filtered.status})`,
        `  following ${FOLLOW_RATE} lines/s for ${FOLLOW_SECONDS} s with ${LINES.toLocaleString('en-US')} held, ` +
          `a search, "only matching" and a hidden level: ${follow.fps.toFixed(1)} frames/s (${follow.status})`,
      ].join('\n')
    );

    // the filter kept some lines and dropped others (one line in 4 failed: see benchLines.ts)
    expect(total).toBe(LINES);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(LINES);
    // every line of the follow run reached the panel, still filtered by the search
    expect(follow.sent).toBeGreaterThan(0);
    // the panel keeps its 100,000 lines: as many older ones dropped as new ones came
    expect(followTotal).toBe(LINES);
    expect(await panel.getByTestId(PODLOGS_TEST_IDS.dropped).innerText()).toBe(
      `${follow.sent.toLocaleString('en-US')} older lines dropped`
    );
    expect(followShown).toBeGreaterThan(0);
    expect(followShown).toBeLessThan(followTotal);
    expect(follow.fps).toBeGreaterThanOrEqual(MIN_FOLLOW_FPS);
  });
});
