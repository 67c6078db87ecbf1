/**
 * The demo stack's Prometheus, run for tests: kube-sim over HTTPS stands in for the API server, a node
 * discovery stand-in lists its nodes, and Debian's Prometheus scrapes them with the stack's own scrape jobs
 * and relabelling (only the API server, token and CA files are the test's).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { type KubeSim, startKubeSim } from '../kube-sim';
import { type NodeSd, startNodeSd } from './nodeSd';
import { type RunningPrometheus, startPrometheus, waitFor } from './prometheus';
import { parsePrometheusConfig, pointConfigAt } from './prometheusConfig';

export const STACK_CONFIG_PATH = path.resolve(__dirname, '../../provisioning/prometheus/prometheus.yml');

export interface StackPrometheus {
  sim: KubeSim;
  prom: RunningPrometheus;
  /** the config Prometheus runs: the stack's, pointed at kube-sim */
  config: string;
  /** the stack's scrape job names */
  jobs: string[];
  /** a scratch directory that stop() removes */
  dir: string;
  /** waits until `ready` says so, with Prometheus's log in the error when it does not */
  waitUntil(what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStackPrometheus(): Promise<StackPrometheus> {
  const stackConfig = fs.readFileSync(STACK_CONFIG_PATH, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeglance-stack-'));
  let sim: KubeSim | undefined;
  let sd: NodeSd | undefined;
  let prom: RunningPrometheus | undefined;
  const stop = async () => {
    await prom?.stop();
    await sd?.stop();
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    sim = await startKubeSim({ tls: true, nodes: 3, podsPerNode: 6, seed: 4 });
    const tokenFile = path.join(dir, 'token');
    const caFile = path.join(dir, 'ca.crt');
    fs.writeFileSync(tokenFile, sim.token);
    fs.writeFileSync(caFile, sim.caCert!);
    sd = await startNodeSd({ apiServer: sim.url, token: sim.token, ca: sim.caCert });
    const config = pointConfigAt(stackConfig, {
      apiServer: sim.url,
      tokenFile,
      caFile,
      nodeSdUrl: sd.url,
      scrapeInterval: '2s',
    });
    prom = await startPrometheus(config);
    const running = prom;
    return {
      sim,
      prom,
      config,
      jobs: parsePrometheusConfig(stackConfig).scrape_configs.map((j) => j.job_name),
      dir,
      waitUntil: async (what, ready, timeoutMs) => {
        try {
          await waitFor(what, async () => ((await ready()) ? true : undefined), { timeoutMs, intervalMs: 1000 });
        } catch (e) {
          throw new Error(`${(e as Error).message}\nPrometheus said:\n${running.logs()}`);
        }
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
