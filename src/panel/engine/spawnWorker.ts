/**
 * Starts the panel's worker. webpack 5 turns `new Worker(new URL('./x', import.meta.url))` into an entry of its
 * own, dist/podlogs-worker.js, loaded from the public path set in publicPath.ts. The plugin's bundles are AMD
 * modules (Grafana loads them with SystemJS) but a worker has no `define`, so the worker entry is a plain script
 * (library type `var`). Jest replaces this file (jest.config.ts): Node cannot parse `import.meta` in CommonJS.
 */
export function spawnWorker(): Worker {
  return new Worker(
    /* webpackChunkName: "podlogs-worker" */
    /* webpackEntryOptions: { library: { type: "var", name: "kubeglancePodLogsWorker" } } */
    new URL('./logs.worker.ts', import.meta.url)
  );
}
