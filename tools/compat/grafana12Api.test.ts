/** @jest-environment node */
/*
 * The plugins are built against Grafana 13's packages but must run in Grafana 12.4, which hands them its own
 * @grafana/data, ui and runtime (webpack externals): an export that 12.4 lacks would be undefined there. So the
 * plugins' sources (tests aside) are type-checked once more against @grafana/* 12.4
 * (tsconfig.grafana-12.json maps them to the grafana-*-12 installs), which fails on any such import and on
 * any changed signature. The typed dashboard definitions (dashboards/definitions, dashboards/lib) are checked
 * against 12.4's dashboard schema the same way.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import { globSync } from 'glob';
import os from 'os';
import path from 'path';

const root = path.resolve(__dirname, '../..');
const CONFIG = path.join(root, 'tsconfig.grafana-12.json');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

jest.setTimeout(180_000);

function typecheck(project: string) {
  const run = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("Grafana 12.4's API", () => {
  it('resolves @grafana/* to the 12.4 installs', () => {
    const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8'));
    for (const [name, [target]] of Object.entries<string[]>(config.compilerOptions.paths)) {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'src', target, 'package.json'), 'utf8'));
      expect([pkg.name, pkg.version]).toEqual([name, expect.stringMatching(/^12\.4\.\d+$/)]);
    }
  });

  it('has everything the plugins use', () => {
    const { status, output } = typecheck(CONFIG);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('fails a source that uses what only Grafana 13 has', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeglance-g12-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'uses13.ts'),
        [
          "import { CloseButton } from '@grafana/ui';",
          "import { isAppPluginEnabled } from '@grafana/runtime';",
          'export const used = [CloseButton, isAppPluginEnabled];',
          '',
        ].join('\n')
      );
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: CONFIG,
          // the fixture lives outside the repository
          compilerOptions: { rootDir: path.parse(dir).root },
          include: [],
          files: [path.join(dir, 'uses13.ts')],
        })
      );
      const { status, output } = typecheck(path.join(dir, 'tsconfig.json'));
      expect(status).not.toBe(0);
      expect(output).toMatch(/has no exported member[^\n]*'CloseButton'/);
      expect(output).toMatch(/has no exported member[^\n]*'isAppPluginEnabled'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Grafana 13's removals", () => {
  it('the plugins read no boot config that Grafana 13.2 removed (config.apps, config.panels)', () => {
    const files = globSync('src/**/*.{ts,tsx}', { cwd: root, ignore: ['**/*.test.ts', '**/*.test.tsx'] });
    expect(files.length).toBeGreaterThan(50);
    const uses = files.filter((f) => /\bconfig\.(apps|panels)\b/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(uses).toEqual([]);
  });
});
