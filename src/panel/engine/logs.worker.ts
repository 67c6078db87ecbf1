/// <reference lib="webworker" />
/**
 * The pod-logs panel's worker: search, exclude, level and source filters, level counts and prettifying of long
 * lines run here, off the page's main thread. Bundled by webpack 5 from `new Worker(new URL(...))` in
 * spawnWorker.ts; it imports nothing from Grafana (a worker has no AMD loader and no shared modules). RE2JS is
 * a chunk of its own, loaded when the worker starts; requests that come before it are kept in order.
 */
import './workerPublicPath';

import { compilers } from '../model/search';
import { EngineLoop } from './engineLoop';
import type { EngineRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let loop: EngineLoop | undefined;
const early: EngineRequest[] = [];

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  if (loop) {
    loop.handle(event.data);
  } else {
    early.push(event.data);
  }
};

import(/* webpackChunkName: "podlogs-re2" */ '../model/regex').then(
  ({ compileRegex }) => {
    loop = new EngineLoop(
      (reply, transfer) => scope.postMessage(reply, transfer ?? []),
      50,
      (run) => setTimeout(run, 0),
      compilers(compileRegex)
    );
    for (const request of early.splice(0)) {
      loop.handle(request);
    }
    scope.postMessage({ type: 'ready' });
  },
  (err: unknown) => {
    // the page falls back to filtering on the main thread (engineClient.ts)
    scope.postMessage({ type: 'failed', reason: `its regular expression engine did not load (${String(err)})` });
  }
);
