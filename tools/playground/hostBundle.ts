import { build, type Metafile, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { basename, dirname, join, resolve, sep } from 'path';

import { DEFAULT_HOST, type Host, HOSTS, type HostId, hostVersions, rewriteSpecifier } from './hosts';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(__dirname, 'browser', 'main.tsx');
/** under node_modules so it is never committed and `npm ci` clears it; one folder per host */
export const DEFAULT_BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'kubeglance-playground');

export interface HostBundle {
  js: string;
  css: string;
  /** name -> versions of the shared packages the bundle really holds (one version each, for a sound host) */
  packages: Record<string, string[]>;
}

/** The packages whose versions make a host: Grafana's own and React. */
export const HOST_PACKAGES = [
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  '@grafana/schema',
  '@grafana/i18n',
  'react',
  'react-dom',
] as const;

/** What the page learns about its host at build time (main.tsx); React's version it reads at run time. */
export interface HostInfo {
  id: HostId;
  label: string;
  grafanaVersion: string;
}

function newestInput(metafile: Metafile): number {
  let newest = Math.max(
    statSync(join(ROOT, 'package-lock.json')).mtimeMs,
    // the bundle's own recipe
    statSync(__filename).mtimeMs,
    statSync(join(__dirname, 'hosts.ts')).mtimeMs
  );
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

/** The package (name and version) a bundled file belongs to: the nearest package.json with a name above it. */
function owningPackage(input: string, cache: Map<string, { name: string; version: string } | null>) {
  let dir = dirname(resolve(ROOT, input));
  while (dir.includes(`${sep}node_modules${sep}`)) {
    let found = cache.get(dir);
    if (found === undefined) {
      const file = join(dir, 'package.json');
      const pkg = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
      found = pkg?.name && pkg?.version ? { name: pkg.name as string, version: pkg.version as string } : null;
      cache.set(dir, found);
    }
    if (found) {
      return found;
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** Versions of the host packages among the bundle's inputs. */
export function bundledPackages(metafile: Metafile): Record<string, string[]> {
  const cache = new Map<string, { name: string; version: string } | null>();
  const found = new Map<string, Set<string>>(HOST_PACKAGES.map((name) => [name, new Set<string>()]));
  for (const input of Object.keys(metafile.inputs)) {
    const pkg = input.includes('node_modules/') ? owningPackage(input, cache) : undefined;
    if (pkg && found.has(pkg.name)) {
      found.get(pkg.name)!.add(pkg.version);
    }
  }
  return Object.fromEntries([...found].map(([name, versions]) => [name, [...versions].sort()]));
}

/**
 * Resolves Grafana's packages and React to the host's installs, for the page and for every package that
 * imports them (@grafana/ui imports react, react-dom imports scheduler from its own folder), and leaves
 * monaco-editor out: @grafana/ui loads it only for its CodeEditor, which nothing on the page shows, and it is
 * a third of the bundle.
 */
function hostPlugin(host: Host): Plugin {
  return {
    name: 'kubeglance-host',
    setup(b) {
      b.onResolve({ filter: /^(@grafana\/|react)/ }, async (args) => {
        const target = rewriteSpecifier(host, args.path);
        if (!target) {
          return undefined;
        }
        const resolved = await b.resolve(target, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
        });
        return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path };
      });
      b.onResolve({ filter: /^monaco-editor(\/|$)/ }, () => ({ path: 'monaco-editor', namespace: 'kubeglance-empty' }));
      b.onLoad({ filter: /.*/, namespace: 'kubeglance-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
    },
  };
}

/** React's development build warns of misuse; its production build is what Grafana's users run. */
export type ReactBuild = 'development' | 'production';

/**
 * The page's script for one host: Grafana's shared modules (from node_modules, one instance each), the AMD
 * loader, the runtime services and the page itself, as one browser bundle. Rebuilt only when a source changed.
 */
export async function buildHostBundle(
  hostId: HostId = DEFAULT_HOST,
  baseDir = DEFAULT_BUNDLE_DIR,
  force = false,
  reactBuild: ReactBuild = 'development'
): Promise<HostBundle> {
  const dir = join(baseDir, reactBuild === 'production' ? `${hostId}-production` : hostId);
  const paths = { js: join(dir, 'main.js'), css: join(dir, 'main.css') };
  if (!force && isFresh(dir)) {
    return { ...paths, packages: bundledPackages(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))) };
  }
  const versions = hostVersions(hostId);
  const info: HostInfo = { id: hostId, label: versions.label, grafanaVersion: versions.grafana };
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
    // development builds by default: React's warnings (React 18.3 warns of the APIs that React 19 removed) reach
    // the console; production builds, as Grafana serves, for what is measured
    define: {
      'process.env.NODE_ENV': JSON.stringify(reactBuild),
      global: 'window',
      __KUBEGLANCE_HOST__: JSON.stringify(info),
    },
    plugins: [hostPlugin(HOSTS[hostId])],
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
  return { ...paths, packages: bundledPackages(result.metafile!) };
}
