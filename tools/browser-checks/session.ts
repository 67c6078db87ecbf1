import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import type { Locator, Page } from 'playwright-core';

import { type ChattyCluster, startChattyCluster } from '../playground/chattyCluster';
import { PLAYGROUND_TEST_IDS } from '../playground/browser/testIds';
import { DEFAULT_HOST, HOST_IDS, type HostId, hostVersions } from '../playground/hosts';
import type { ReactBuild } from '../playground/hostBundle';
import { type Playground, startPlayground } from '../playground/server';
import { launchChromium, type LaunchedBrowser } from './chromium';

export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * The hosts every browser check runs under, with the title of the describe block that holds a host's checks:
 * `host grafana-13.2.3 react-19.2.9`. scripts/run-tests.mjs counts the browser checks per host by it.
 */
export const BROWSER_HOSTS = HOST_IDS.map((id) => ({ id, title: `host ${hostVersions(id).label}` }));

/** kube-sim, the playground server and Chromium, with the page open and the plugins loaded. */
export interface Session {
  cluster: ChattyCluster;
  playground: Playground;
  browser: LaunchedBrowser;
  page: Page;
  /** uncaught errors and console errors of the page (missing fonts aside) */
  pageErrors: string[];
  /** every URL the page requested */
  requested: string[];
  host: HostId;
  /** the whole page, or one element of it, as test-results/screenshots/<host>/<name>.png */
  screenshot(name: string, of?: Locator): Promise<string>;
  close(): Promise<void>;
}

/** Fonts are Grafana's own static files, which the playground does not serve. */
const IGNORED_CONSOLE = /Failed to load resource: the server responded with a status of 404/;

export async function openPlayground(
  path = '/',
  host: HostId = DEFAULT_HOST,
  reactBuild: ReactBuild = 'development'
): Promise<Session> {
  const cluster = await startChattyCluster();
  const started: Array<() => Promise<void>> = [() => cluster.sim.stop()];
  const close = async () => {
    for (const stop of started.reverse()) {
      await stop();
    }
  };
  try {
    const playground = await startPlayground({
      apiServerUrl: cluster.sim.url,
      token: cluster.sim.token,
      logsPod: cluster.chatty,
      host,
      reactBuild,
    });
    started.push(() => playground.stop());
    const browser = await launchChromium();
    started.push(() => browser.close());
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    const requested: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !IGNORED_CONSOLE.test(msg.text())) {
        pageErrors.push(msg.text());
      }
    });
    page.on('request', (req) => requested.push(req.url()));
    await page.goto(new URL(path, playground.url).toString());
    await page.getByTestId(PLAYGROUND_TEST_IDS.ready).or(page.getByTestId(PLAYGROUND_TEST_IDS.loadError)).waitFor();
    const failed = await page.getByTestId(PLAYGROUND_TEST_IDS.loadError).count();
    if (failed) {
      throw new Error(await page.getByTestId(PLAYGROUND_TEST_IDS.loadError).innerText());
    }
    const dir = join(SCREENSHOT_DIR, host);
    mkdirSync(dir, { recursive: true });
    const screenshot = async (name: string, of?: Locator) => {
      const path = join(dir, `${name}.png`);
      await (of ? of.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
      return path;
    };
    return { cluster, playground, browser, page, host, pageErrors, requested, screenshot, close };
  } catch (err) {
    await close();
    throw err;
  }
}
