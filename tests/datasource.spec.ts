// Runs against the demo stack (`docker compose up`, then `npm run e2e`); needs a running Grafana.
import { expect, test } from '@grafana/plugin-e2e';

const PROVISIONED = 'kubeglance.yaml';

test('the provisioned data source passes every Save & test check', async ({
  readProvisionedDataSource,
  gotoDataSourceConfigPage,
}) => {
  const ds = await readProvisionedDataSource({ fileName: PROVISIONED });
  const configPage = await gotoDataSourceConfigPage(ds.uid);
  await configPage.saveAndTest();
  await expect(configPage).toHaveAlert('success', { hasText: /all \d+ checks passed/ });
});

test('a wrong token is reported as rejected credentials', async ({ createDataSourceConfigPage, page }) => {
  const configPage = await createDataSourceConfigPage({ type: 'kubeglance-kubernetes-datasource' });
  await page.getByLabel('API server URL').fill('http://kube-sim:6443');
  await page.getByPlaceholder('Service-account token').fill('not-the-token');
  await configPage.saveAndTest();
  await expect(configPage).toHaveAlert('error', { hasText: /Credentials/ });
});

test('the nodes query fills a table with every node', async ({ panelEditPage, readProvisionedDataSource }) => {
  const ds = await readProvisionedDataSource({ fileName: PROVISIONED });
  await panelEditPage.datasource.set(ds.name);
  await panelEditPage.setVisualization('Table');
  await panelEditPage.refreshPanel({
    waitForResponsePredicateCallback: (r) =>
      r.url().includes(`/api/datasources/proxy/uid/${ds.uid}/apis/metrics.k8s.io`),
  });
  await expect(panelEditPage.panel.fieldNames).toContainText(['Node', 'CPU', 'Memory (working set)', 'Status']);
  await expect(panelEditPage.panel.data).toContainText(['Ready']);
});
