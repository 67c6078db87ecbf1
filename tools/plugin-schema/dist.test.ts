/** @jest-environment node */
import fs from 'fs';
import path from 'path';

// Checks the output of `npm run build` (the test command builds before it tests).
const dist = path.resolve(__dirname, '../../dist');
const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

const plugins = [
  { dir: '', id: 'kubeglance-kubernetes-app' },
  { dir: 'datasource', id: 'kubeglance-kubernetes-datasource' },
  { dir: 'panel', id: 'kubeglance-podlogs-panel' },
];

describe('the build in dist/', () => {
  it('exists (run `npm run build` first)', () => {
    expect(fs.existsSync(path.join(dist, 'plugin.json'))).toBe(true);
  });

  it.each(plugins)('holds $id with its module, plugin.json and logos', ({ dir, id }) => {
    const pluginJson = JSON.parse(fs.readFileSync(path.join(dist, dir, 'plugin.json'), 'utf8'));
    expect(pluginJson.id).toBe(id);
    // the build stamps the package version into every plugin.json, nested ones included
    expect(pluginJson.info.version).toBe(pkg.version);
    expect(pluginJson.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(fs.statSync(path.join(dist, dir, 'module.js')).size).toBeGreaterThan(0);
    for (const logo of new Set([pluginJson.info.logos.small, pluginJson.info.logos.large])) {
      const file = path.join(dist, dir, logo);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^<svg[\s>]/);
    }
  });

  it('ships the licence, readme and changelog', () => {
    for (const f of ['LICENSE', 'README.md', 'CHANGELOG.md']) {
      expect(fs.existsSync(path.join(dist, f))).toBe(true);
    }
  });

  it('does not bundle test helpers or the simulator into the plugins', () => {
    for (const { dir } of plugins) {
      const js = fs.readFileSync(path.join(dist, dir, 'module.js'), 'utf8');
      expect(js).not.toContain('kube-sim');
      expect(js).not.toContain('createProxyHarness');
    }
  });
});
