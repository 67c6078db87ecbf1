import { type KubeSim, type SimPod, startKubeSim } from '../kube-sim';

/** Lines per second the followed container writes, so the logs panel has something to follow. */
export const CHATTY_LOG_RATE = 20;

export interface ChattyCluster {
  sim: KubeSim;
  /** the running pod whose busiest container was made chatty */
  chatty: { namespace: string; pod: string; container: string };
}

/** The running pod with the busiest logging container, preferring application namespaces. */
export function chattiestPod(pods: readonly SimPod[]): SimPod | undefined {
  const running = pods.filter(
    (p) => p.phase === 'Running' && p.containers.some((c) => !c.init && c.state === 'running')
  );
  const rate = (p: SimPod) => Math.max(...p.containers.filter((c) => !c.init).map((c) => c.logRate));
  const app = (p: SimPod) => (p.namespace.startsWith('kube-') ? 0 : 1);
  return [...running].sort((a, b) => app(b) - app(a) || rate(b) - rate(a) || a.name.localeCompare(b.name))[0];
}

/** kube-sim over HTTP with a few nodes and one pod turned chatty, for the playground and its checks. */
export async function startChattyCluster(opts: { port?: number; nodes?: number; podsPerNode?: number } = {}) {
  const sim = await startKubeSim({ port: opts.port ?? 0, nodes: opts.nodes ?? 4, podsPerNode: opts.podsPerNode ?? 8 });
  const pod = chattiestPod(sim.cluster.pods);
  if (!pod) {
    await sim.stop();
    throw new Error('kube-sim has no running pod to follow');
  }
  const container = pod.containers
    .filter((c) => !c.init && c.state === 'running')
    .sort((a, b) => b.logRate - a.logRate)[0];
  container.logRate = CHATTY_LOG_RATE;
  const cluster: ChattyCluster = {
    sim,
    chatty: { namespace: pod.namespace, pod: pod.name, container: container.name },
  };
  return cluster;
}
