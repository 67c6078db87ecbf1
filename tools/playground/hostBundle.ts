import { build, type Metafile } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { basename, join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(__dirname, 'browser', 'main.tsx');
/** under node_modules so it is never committed and `npm ci` clears it */
export const DEFAULT_BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'kubeglance-playground');

export interface HostBundle {
  js: string;
  css: string;
}

function newestInput(metafile: Metafile): number {
  let newest = statSync(join(ROOT, 'package-lock.json')).mtimeMs;
  for (const input of Object.keys(metafile.inputs)) {
    // packages change only with package-lock.json; our own sources are checked one by one
    if (input.includes('node_modules/')) {
      continue;
    }
    const path = resolve(ROOT, input);
    newest = Math.max(newest, existsSync(path) ? statSync(path).mtimeMs : Infinity);
  }
  return newest;
}

function isFresh(dir: string): boolean {
  const js = join(dir, 'main.js');
  const meta = join(dir, 'meta.json');
  if (!existsSync(js) || !existsSync(meta)) {
    return false;
  }
  const metafile = JSON.parse(readFileSync(meta, 'utf8')) as Metafile;
  return newestInput(metafile) < statSync(js).mtimeMs;
}

/**
 * The page's script: Grafana's shared modules (from node_modules, one instance each), the AMD loader, the
 * runtime services and the page itself, as one browser bundle. Rebuilt only when a source changed.
 */
export async function buildHostBundle(dir = DEFAULT_BUNDLE_DIR, force = false): Promise<HostBundle> {
  const paths = { js: join(dir, 'main.js'), css: join(dir, 'main.css') };
  if (!force && isFresh(dir)) {
    return paths;
  }
  mkdirSync(dir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outdir: dir,
    entryNames: 'main',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"development"', global: 'window' },
    // @grafana/ui's fonts and images are not needed here
    loader: {
      '.svg': 'text',
      '.woff': 'empty',
      '.woff2': 'empty',
      '.ttf': 'empty',
      '.eot': 'empty',
      '.png': 'dataurl',
    },
  });
  // written aside and renamed: test files in other jest workers may build and serve the same bundle at once
  const writeAtomically = (path: string, contents: string | Uint8Array) => {
    const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
  };
  for (const file of result.outputFiles ?? []) {
    writeAtomically(file.path, file.contents);
  }
  if (!existsSync(paths.css)) {
    writeAtomically(paths.css, '');
  }
  // last, so a bundle counts as fresh only once all of it is written
  writeAtomically(join(dir, 'meta.json'), JSON.stringify(result.metafile));
  return paths;
}
