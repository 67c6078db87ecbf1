/// <reference lib="webworker" />
/**
 * Inside the worker, chunks (RE2JS) load with importScripts from webpack's public path, which the build fixes
 * as a path relative to the page. The worker sits beside its chunks, so they load from its own folder.
 * Imported first by logs.worker.ts.
 */
declare let __webpack_public_path__: string;

__webpack_public_path__ = self.location.href.slice(0, self.location.href.lastIndexOf('/') + 1);
