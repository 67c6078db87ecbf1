/**
 * The panel's worker loop (src/panel/engine/logs.worker.ts) on a Node worker thread, for the round-trip figure
 * of panelSearch.bench.ts: the same EngineLoop, slices and RE2JS, with parentPort in place of the page's `self`.
 */
import { parentPort } from 'worker_threads';

import { EngineLoop } from '../src/panel/engine/engineLoop';
import type { EngineRequest } from '../src/panel/engine/protocol';
import { compileRegex } from '../src/panel/model/regex';
import { compilers } from '../src/panel/model/search';

const port = parentPort!;
const loop = new EngineLoop(
  (reply) => port.postMessage(reply),
  50,
  (run) => setTimeout(run, 0),
  compilers(compileRegex)
);
port.on('message', (request: EngineRequest) => loop.handle(request));
