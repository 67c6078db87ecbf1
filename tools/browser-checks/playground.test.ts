/** @jest-environment node */
/*
 * The built plugins (dist/) in a real browser: Debian's Chromium driven by playwright-core, against the
 * playground page and kube-sim, once under each host (Grafana 13 with React 19, Grafana 12.4 with React 18).
 * Needs `npm run build` first and /usr/bin/chromium.
 */
import { existsSync } from 'fs';

import { PODLOGS_TEST_IDS } from '../../src/panel/testIds';
import { QUERY_TYPES } from '../../src/datasource/types';
import { PLAYGROUND_TEST_IDS as IDS } from '../playground/browser/testIds';
import { HOST_PACKAGES } from '../playground/hostBundle';
import { CHROMIUM_PATH, MISSING_CHROMIUM } from './chromium';
import { BROWSER_HOSTS, openPlayground, type Session } from './session';

jest.setTimeout(180_000);

describe.each(BROWSER_HOSTS)('$title', ({ id }) => {
  let session: Session;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(MISSING_CHROMIUM);
    }
    session = await openPlayground('/', id);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  test("the page runs the plugins on the host's own Grafana packages and React", async () => {
    const { host } = session.playground;
    // the bundle holds one version of each shared package, the host's
    for (const name of HOST_PACKAGES) {
      expect([name, session.playground.host.packages[name]]).toEqual([
        name,
        [name.startsWith('@grafana/') ? host.grafana : host.react],
      ]);
    }
    // and the React the plugins render with is that one
    const shown = session.page.getByTestId(IDS.host);
    expect(await shown.getAttribute('data-react-version')).toBe(host.react);
    expect(await shown.getAttribute('data-grafana-version')).toBe(host.grafana);
    expect(Number(host.react.split('.')[0])).toBe(id === 'grafana-12' ? 18 : 19);
  });

  const logs = () => session.page.getByTestId(IDS.logsPanel);

  /** The "N lines" / "N of M lines" status of the logs panel, as numbers. */
  async function logsStatus(): Promise<{ shown: number; total: number }> {
    const text = await logs().getByTestId(PODLOGS_TEST_IDS.status).innerText();
    const nums = (text.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
    return { shown: nums[0], total: nums[nums.length - 1] };
  }

  test('the page loads the three module.js files from dist/ through the AMD loader, without errors', async () => {
    const modules = session.requested
      .filter((u) => /\/public\/plugins\/.*module\.js$/.test(u))
      .map((u) => new URL(u).pathname);
    expect(modules.sort()).toEqual([
      '/public/plugins/kubeglance-kubernetes-app/datasource/module.js',
      '/public/plugins/kubeglance-kubernetes-app/module.js',
      '/public/plugins/kubeglance-kubernetes-app/panel/module.js',
    ]);
    await expect(session.page.getByTestId(IDS.ready).isVisible()).resolves.toBe(true);
    expect(session.pageErrors).toEqual([]);
  });

  test('Save & test runs the health check and lists every check it made', async () => {
    const { page } = session;
    await page.getByTestId(IDS.saveTest).click();
    const status = page.getByTestId(IDS.healthStatus);
    await status.waitFor();
    const checks = await page.getByTestId(IDS.healthCheck).allInnerTexts();
    await session.screenshot('health', status);
    expect(await status.getAttribute('data-status')).toBe('success');
    expect(checks.length).toBeGreaterThanOrEqual(4);
    for (const check of checks) {
      expect(check).toMatch(/^✓ /);
    }
    expect(checks.join('\n')).toMatch(/API server reachable/);
    // the settings step reads Grafana's /api/datasources/uid/<uid>; the reviews ask the cluster itself
    expect(checks.join('\n')).toMatch(/Settings are complete/);
    expect(checks.join('\n')).toMatch(/Every permission the enabled features need is granted/);
  });

  test('the query editor renders once for every query type', async () => {
    const editors = session.page.getByTestId(IDS.queryEditor);
    await editors.first().waitFor();
    const types = await editors.evaluateAll((els) => els.map((e) => e.getAttribute('data-query-type')));
    expect(types).toEqual(QUERY_TYPES.map((t) => t.value));
  });

  test('every query editor label fits on one line, beside its field', async () => {
    const editors = session.page.getByTestId(IDS.queryEditor);
    await editors.first().waitFor();
    const offenders = await editors.evaluateAll((els) =>
      els.flatMap((editor) =>
        Array.from(editor.querySelectorAll('label')).flatMap((label) => {
          const box = label.getBoundingClientRect();
          const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || 20;
          // wrapped: taller than a field row; cut: the text is wider than the label's box
          const wrapped = box.height > Math.max(32, lineHeight * 1.5) + 1;
          const cut = label.scrollWidth > label.clientWidth + 1;
          return wrapped || cut ? [`${editor.getAttribute('data-query-type')}: "${label.innerText}"`] : [];
        })
      )
    );
    expect(offenders).toEqual([]);
  });

  test('the nodes table has a row for every node of the cluster', async () => {
    const table = session.page.getByTestId(IDS.nodesTable);
    await table.waitFor();
    const text = await table.innerText();
    for (const node of session.cluster.sim.cluster.nodes) {
      expect(text).toContain(node.name);
    }
  });

  test('the live CPU chart gets points', async () => {
    const chart = session.page.getByTestId(IDS.liveSeries);
    await session.page.waitForFunction(
      (id) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-points') ?? 0) > 0,
      IDS.liveSeries,
      { timeout: 60_000 }
    );
    expect(await chart.locator('polyline').count()).toBeGreaterThan(0);
  });

  test('a search in the logs panel highlights only the text searched for', async () => {
    const panel = logs();
    await panel.getByTestId(PODLOGS_TEST_IDS.body).first().waitFor({ timeout: 60_000 });
    // a word the pod really writes, taken from the lines on screen
    const firstLine = await panel.getByTestId(PODLOGS_TEST_IDS.body).first().innerText();
    const word = (firstLine.match(/[A-Za-z]{4,}/g) ?? [])[0];
    expect(word).toBeDefined();
    await panel.getByLabel('Search the lines').fill(word!);
    await panel.locator('mark').first().waitFor();
    const marks = await panel.locator('mark').allInnerTexts();
    await session.screenshot('logs-search', panel);
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) {
      expect(mark.toLowerCase()).toBe(word!.toLowerCase());
    }
    await panel.getByLabel('Search the lines').fill('');
    await expect(panel.locator('mark').count()).resolves.toBe(0);
  });

  test('turning a severity chip off hides that level and turning it on shows it again', async () => {
    const panel = logs();
    const chips = panel.getByTestId(PODLOGS_TEST_IDS.levelChip);
    await chips.first().waitFor();
    const labels = await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''));
    const level = labels.includes('info') ? 'info' : labels[0];
    const chip = panel.locator(`[data-testid="${PODLOGS_TEST_IDS.levelChip}"][data-value="${level}"]`);
    expect(await chip.getAttribute('aria-pressed')).toBe('true');

    await chip.click();
    expect(await chip.getAttribute('aria-pressed')).toBe('false');
    // the worker answers the new filter a moment later: the status then counts the lines shown "of" all
    await session.page.waitForFunction(
      (id) =>
        / of /.test(document.querySelector(`[data-testid="${id}"] [data-testid$="podlogs status"]`)?.textContent ?? ''),
      IDS.logsPanel
    );
    const hidden = await logsStatus();
    await session.screenshot('logs-level-hidden', panel);
    expect(hidden.shown).toBeLessThan(hidden.total);

    await chip.click();
    expect(await chip.getAttribute('aria-pressed')).toBe('true');
    await session.page.waitForFunction(
      (id) =>
        !/ of /.test(
          document.querySelector(`[data-testid="${id}"] [data-testid$="podlogs status"]`)?.textContent ?? ' of '
        ),
      IDS.logsPanel
    );
    const shown = await logsStatus();
    expect(shown.shown).toBe(shown.total);
  });

  test('pausing follow mode counts the lines that arrive, and following again catches up', async () => {
    const panel = logs();
    const follow = panel.getByTestId(PODLOGS_TEST_IDS.follow);
    expect(await follow.innerText()).toMatch(/Following/);
    await follow.click();
    // the chatty pod keeps writing: new lines are counted instead of scrolled to
    const newLines = panel.getByTestId(PODLOGS_TEST_IDS.newLines);
    await newLines.waitFor({ timeout: 60_000 });
    expect(await newLines.innerText()).toMatch(/\d+ new lines?/);
    await session.screenshot('logs-paused', panel);
    await newLines.click();
    await panel.getByTestId(PODLOGS_TEST_IDS.follow).waitFor();
    expect(await panel.getByTestId(PODLOGS_TEST_IDS.follow).innerText()).toMatch(/Following/);
  });

  test('the theme toggle switches between dark and light', async () => {
    const { page } = session;
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await session.screenshot('theme-dark');
    await page.getByTestId(IDS.themeToggle).click();
    await page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor !== before, dark);
    const light = await background();
    await session.screenshot('theme-light');
    expect(light).not.toBe(dark);
    await page.getByTestId(IDS.themeToggle).click();
    await page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor === before, dark);
    expect(await background()).toBe(dark);
  });

  test('nothing on the page logged an error or a React warning while the checks ran', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
