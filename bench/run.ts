/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run.
 * `npm run bench -- summary pods` runs only the named ones, so one figure can be reproduced on its own.
 */
import './dom';

import { benchLogs } from './logs.bench';
import { benchNodes } from './nodes.bench';
import { benchOutliers } from './outliers.bench';
import { benchPanel } from './panel.bench';
import { benchPanelBrowser } from './panelBrowser.bench';
import { benchPanelSearch } from './panelSearch.bench';
import { benchPods } from './pods.bench';
import { benchPromtext } from './promtext.bench';
import { benchRisks } from './risks.bench';
import { benchSampler } from './sampler.bench';
import { benchSummary } from './summary.bench';
import { benchTimeToFull } from './timeToFull.bench';
import { benchTimeline } from './timeline.bench';

const BENCHES: Record<string, () => Promise<void>> = {
  nodes: benchNodes,
  pods: benchPods,
  promtext: benchPromtext,
  summary: benchSummary,
  logs: benchLogs,
  panel: benchPanel,
  panelSearch: benchPanelSearch,
  panelBrowser: benchPanelBrowser,
  sampler: benchSampler,
  risks: benchRisks,
  outliers: benchOutliers,
  timeToFull: benchTimeToFull,
  timeline: benchTimeline,
};

async function main(names: string[]) {
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    throw new Error(`unknown bench ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  }
  console.log(`Kubeglance benchmarks, node ${process.version}, ${new Date().toISOString()}`);
  for (const [name, run] of Object.entries(BENCHES)) {
    if (!names.length || names.includes(name)) {
      await run();
    }
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
