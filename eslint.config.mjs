import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

/*
 * kubeglance/no-import-cycle: a file may not reach itself through relative imports. Type-only imports count: a
 * type circle still means two modules that cannot be read apart. eslint-plugin-import's no-cycle needs a resolver
 * and a new dependency; the data source has only relative TypeScript imports, which this follows in a few lines.
 */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
/** relative imports per file, read once per lint run */
const importsOf = new Map();

function relativeImports(file, text) {
  let deps = importsOf.get(file);
  if (!deps) {
    deps = [];
    for (const m of (text ?? fs.readFileSync(file, 'utf8')).matchAll(IMPORT)) {
      const base = path.join(path.dirname(file), m[1]);
      const found = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((e) => base + e).find((f) => fs.existsSync(f));
      if (found) {
        deps.push(found);
      }
    }
    importsOf.set(file, deps);
  }
  return deps;
}

/** The shortest import path from `file` back to itself, or undefined. */
function cycleFrom(file, text) {
  const from = new Map([[file, undefined]]);
  let frontier = [file];
  while (frontier.length) {
    const next = [];
    for (const at of frontier) {
      for (const dep of relativeImports(at, at === file ? text : undefined)) {
        if (dep === file) {
          const chain = [at];
          while (from.get(chain[0])) {
            chain.unshift(from.get(chain[0]));
          }
          return [...chain, file];
        }
        if (!from.has(dep)) {
          from.set(dep, at);
          next.push(dep);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

const kubeglance = {
  rules: {
    'no-import-cycle': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        return {
          Program(node) {
            const cycle = cycleFrom(context.filename, context.sourceCode.text);
            if (cycle) {
              const rel = (f) => path.relative(path.dirname(context.filename), f) || path.basename(f);
              context.report({ node, message: `Import cycle: ${cycle.map(rel).join(' -> ')}` });
            }
          },
        };
      },
    },
  },
};

/*
 * The data source's layers (docs/ARCHITECTURE.md): decode/ at the bottom, then kube/, live/, the query kinds, and
 * the editors, variables and config beside them; datasource.ts, QueryEditor.tsx and module.ts on top. A layer may
 * not import the folders named here: by folder name, at any depth of `../`. Tests may cross layers.
 */
const KINDS = ['nodes', 'pods', 'summary', 'kubelet', 'objects', 'events', 'logs'];
// the triage kinds build on the reads and pollers of the kinds above (pods, summary), never on each other
const TRIAGE_KINDS = ['risks', 'timeline', 'outliers', 'rightsizing', 'timeToFull'];
const TOP = ['datasource', 'QueryEditor', 'module', 'annotations'];
const DS = 'src/datasource';

function boundary(folder, forbidden, why) {
  return {
    files: [`${DS}/${folder}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: why }] },
      ],
    },
  };
}

export default defineConfig([
  {
    ignores: [
      // the root logs/ folder only: src/datasource/queries/logs/ is source
      'logs/',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  {
    files: [`${DS}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    plugins: { kubeglance },
    rules: { 'kubeglance/no-import-cycle': 'error' },
  },
  boundary(
    'decode',
    [
      'kube',
      'live',
      'queries',
      'editors',
      'config',
      'variables',
      'health',
      'testing',
      'types',
      'variableTypes',
      ...TOP,
    ],
    'decode/ is pure and at the bottom: a decoder imports only other decoders.'
  ),
  boundary(
    'kube',
    ['live', 'queries', 'editors', 'config', 'variables', 'health', 'testing', 'types', 'variableTypes', ...TOP],
    'kube/ is the I/O layer: it may use decode/, nothing above it; limits come in as arguments.'
  ),
  boundary(
    'live',
    ['queries', 'editors', 'config', 'variables', 'health', 'testing', 'types', 'variableTypes', ...TOP],
    'live/ is the sampler: it may use kube/ and decode/, not the query kinds or the settings.'
  ),
  boundary(
    'editors',
    ['queries', 'config', 'variables', 'health', 'live', 'testing', ...TOP],
    'editors/ holds the fields every editor shares: no query kind, no data source (use the ClusterOptions interface).'
  ),
  boundary(
    'variables',
    ['queries', 'config', 'health', 'live', 'testing', ...TOP],
    'variables/ depends on kube/ and the shared editor fields, and on the data source only through ClusterSource.'
  ),
  boundary(
    'config',
    ['queries', 'editors', 'variables', 'health', 'live', 'testing', ...TOP],
    'config/ is the settings, their editor and the channel that shows Save & test live: it may use kube/ limits, nothing else.'
  ),
  boundary(
    'health',
    ['queries', 'editors', 'variables', 'live', 'testing', ...TOP],
    'health/ checks the connection through kube/ and reads the settings through config/.'
  ),
  boundary(
    'queries/shared',
    [...KINDS, ...TRIAGE_KINDS, 'editors', 'config', 'variables', 'health', 'testing', ...TOP],
    'queries/shared/ serves every kind, so it may not import one.'
  ),
  ...KINDS.map((kind) =>
    boundary(
      `queries/${kind}`,
      [...KINDS, ...TRIAGE_KINDS, 'config', 'variables', 'health', 'testing', ...TOP],
      'A query kind may not import another kind (move what both need to queries/shared/ or decode/) nor the data source.'
    )
  ),
  ...TRIAGE_KINDS.map((kind) =>
    boundary(
      `queries/${kind}`,
      [...TRIAGE_KINDS, 'config', 'variables', 'health', 'testing', ...TOP],
      'A triage kind may use the reads and pollers of the base kinds (pods, summary, …) but not another triage kind, nor the data source.'
    )
  ),
  {
    // the simulator, the proxy harness and the benchmarks are TypeScript too; lint them like src/
    files: ['tools/**/*.{ts,tsx}', 'bench/**/*.ts', 'provisioning/**/*.ts', 'dashboards/**/*.ts', 'tests/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
      },
    },
  },
]);
