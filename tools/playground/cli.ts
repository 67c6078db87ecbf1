/**
 * npm run playground [-- --port=3300 --no-build --host=grafana-13|grafana-12]: builds dist/ if it is missing,
 * starts kube-sim (HTTP, a chatty pod) and the playground server on 127.0.0.1 with the chosen host (Grafana 13
 * with React 19 by default, or Grafana 12.4 with React 18), prints the URL, stops on Ctrl-C.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join, resolve } from 'path';

import { startChattyCluster } from './chattyCluster';
import { DEFAULT_HOST, HOST_IDS, isHostId } from './hosts';
import { startPlayground } from './server';

const ROOT = resolve(__dirname, '..', '..');

function flag(name: string): string | undefined {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

async function main() {
  const host = flag('host') ?? DEFAULT_HOST;
  if (!isHostId(host)) {
    throw new Error(`--host=${host}: the hosts are ${HOST_IDS.join(', ')}`);
  }
  const built = ['module.js', 'datasource/module.js', 'panel/module.js'].every((f) =>
    existsSync(join(ROOT, 'dist', f))
  );
  if (!built && flag('no-build') === undefined) {
    console.log('dist/ is not built: running npm run build…');
    const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) {
      throw new Error('npm run build failed');
    }
  }
  const { sim, chatty } = await startChattyCluster();
  console.log(`kube-sim: ${sim.url} (token ${sim.token}); chatty pod ${chatty.namespace}/${chatty.pod}`);
  console.log('building the host bundle (first run takes a few seconds)…');
  const playground = await startPlayground({
    apiServerUrl: sim.url,
    token: sim.token,
    logsPod: chatty,
    port: Number(flag('port') ?? 3300),
    host,
  });
  console.log(`Kubeglance playground: ${playground.url} (host ${playground.host.label})`);
  const stop = async () => {
    await playground.stop();
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
