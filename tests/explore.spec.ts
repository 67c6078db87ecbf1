// Runs against the demo stack (`docker compose up`, then `npm run e2e`); needs a running Grafana.
import type { Page } from '@playwright/test';
import { expect, test } from '@grafana/plugin-e2e';

import { EDITOR_TEST_IDS } from '../src/datasource/editors/editorTestIds';

const PROVISIONED = 'kubeglance.yaml';
/** the demo stack's chatty Deployment (provisioning/kubernetes/demo/chatty.yaml) */
const CHATTY_SELECTOR = 'app=chatty';

/** The highest `"request":N` counter among the chatty app's lines on screen; it grows with every line written. */
async function newestRequest(page: Page): Promise<number> {
  const text = await page.locator('body').innerText();
  const counters = [...text.matchAll(/"request":(\d+)/g)].map((m) => Number(m[1]));
  return counters.length ? Math.max(...counters) : -1;
}

test('Explore shows the chatty pods logs, and live tail keeps adding new lines', async ({
  explorePage,
  readProvisionedDataSource,
  page,
}) => {
  const ds = await readProvisionedDataSource({ fileName: PROVISIONED });
  await explorePage.datasource.set(ds.name);
  const row = explorePage.getQueryEditorRow('A');

  await row.getByTestId(EDITOR_TEST_IDS.queryType).click();
  await page.keyboard.type('Logs');
  await page.keyboard.press('Enter');
  const selector = row.getByTestId(EDITOR_TEST_IDS.labelSelector);
  await selector.fill(CHATTY_SELECTOR);
  await selector.press('Enter');
  await explorePage.runQuery();

  await expect(page.getByText(/"level":"(info|debug|warn|error)"/).first()).toBeVisible();
  const before = await newestRequest(page);
  expect(before).toBeGreaterThan(0);

  await page.getByRole('button', { name: /^live$/i }).click();
  // the pod writes a line every half second; live tail must bring lines written after the click
  await expect.poll(() => newestRequest(page), { timeout: 30_000 }).toBeGreaterThan(before + 4);
  await page
    .getByRole('button', { name: /stop|exit live/i })
    .first()
    .click();
});
