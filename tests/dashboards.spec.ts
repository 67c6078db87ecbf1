// Runs against the demo stack (`docker compose up`, then `npm run e2e`); needs a running Grafana.
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { expect, test } from '@grafana/plugin-e2e';

/** Where dashboard JSON lives: shipped with the app, provisioned by the stack, or at the top of dashboards/. */
const DASHBOARD_DIRS = ['src/dashboards', 'provisioning/dashboards/stack', 'dashboards'].map((d) =>
  join(__dirname, '..', d)
);

interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  targets?: unknown[];
  panels?: PanelJson[];
}

interface DashboardJson {
  uid?: string;
  title?: string;
  panels?: PanelJson[];
}

/** Panels that ask for data: rows are unfolded, text and other query-less panels left out. */
function queryPanels(panels: PanelJson[] = []): PanelJson[] {
  return panels.flatMap((p) => (p.type === 'row' ? queryPanels(p.panels) : p.targets?.length && p.title ? [p] : []));
}

function dashboardFiles(): Array<{ file: string; json: DashboardJson }> {
  return DASHBOARD_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ file: join(dir, f), json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as DashboardJson }))
  );
}

// none yet is fine: the specs appear as dashboards are generated
const dashboards = dashboardFiles().filter((d) => d.json.uid);

for (const { file, json } of dashboards) {
  test(`dashboard "${json.title ?? json.uid}" (${file.split('/').slice(-2).join('/')}) shows data in every panel`, async ({
    gotoDashboardPage,
  }) => {
    const page = await gotoDashboardPage({ uid: json.uid });
    await page.waitForPanelsQueriesToComplete({ scrollAll: true });
    for (const panel of queryPanels(json.panels)) {
      const onScreen = page.getPanelByTitle(panel.title!);
      await onScreen.scrollIntoView();
      await expect(onScreen.getErrorIcon(), `panel "${panel.title}" shows an error`).toHaveCount(0);
      await expect(onScreen.locator, `panel "${panel.title}" has no data`).not.toContainText('No data');
    }
  });
}
