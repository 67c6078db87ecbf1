import { AppPlugin } from '@grafana/data';

import { AppConfig } from './components/AppConfig';

/*
 * The app only carries the nested data source and panel and explains setup. It has no pages of its own,
 * so it sets no root page and plugin.json declares no nav entries.
 */
export const plugin = new AppPlugin<{}>().addConfigPage({
  title: 'Setup',
  icon: 'info-circle',
  body: AppConfig,
  id: 'setup',
});
