/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import './dom';

import { benchLogs } from './logs.bench';
import { benchNodes } from './nodes.bench';
import { benchPanel } from './panel.bench';
import { benchPanelSearch } from './panelSearch.bench';
import { benchPods } from './pods.bench';
import { benchPromtext } from './promtext.bench';
import { benchSampler } from './sampler.bench';
import { benchSummary } from './summary.bench';

async function main() {
  console.log(`Kubeglance benchmarks, node ${process.version}, ${new Date().toISOString()}`);
  await benchNodes();
  await benchPods();
  await benchPromtext();
  await benchSummary();
  await benchLogs();
  await benchPanel();
  await benchPanelSearch();
  await benchSampler();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
