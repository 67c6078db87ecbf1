/**
 * Where this bundle's chunks (the worker) are fetched from. Grafana loads the panel from
 * `public/plugins/<app id>/panel/module.js` and the scaffold's public path is that file's folder, but webpack
 * writes every chunk at the root of dist/, beside the app's module.js: chunk URLs must start from the app's
 * folder. Imported first by module.ts, before anything can start a worker.
 */
declare let __webpack_public_path__: string;

export function appRoot(publicPath: string): string {
  return publicPath.replace(/panel\/$/, '');
}

if (typeof __webpack_public_path__ === 'string') {
  __webpack_public_path__ = appRoot(__webpack_public_path__);
}
