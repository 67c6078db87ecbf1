/**
 * The model runs in the panel's worker and in Node (bench/): no DOM, no browser globals, and @grafana/data for
 * types only (its runtime touches `window` as it loads, and a worker has no AMD loader to provide it).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const dir = __dirname;
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('src/panel/model', () => {
  it.each(sources)('%s imports no Grafana runtime and uses no DOM', (file) => {
    const text = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const grafanaImports = text.match(/^import (?!type )[^;]*from '@grafana\/[^']+';/gm) ?? [];
    expect(grafanaImports).toEqual([]);
    expect(text.match(/\b(document|window|navigator|localStorage|HTMLElement)\b/g) ?? []).toEqual([]);
  });
});
