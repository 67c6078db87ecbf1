/**
 * @grafana/data touches `window` when it is first imported (its local-storage helper), so the benchmarks, which
 * run in plain Node, give it a jsdom window first. Import this module before anything from @grafana.
 */
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
const win = dom.window as unknown as Record<string, unknown>;
win.matchMedia = () => ({
  matches: false,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
});
const g = globalThis as Record<string, unknown>;
for (const key of [
  'window',
  'document',
  'navigator',
  'HTMLElement',
  'getComputedStyle',
  'localStorage',
  'matchMedia',
]) {
  if (!(key in g)) {
    g[key] = win[key];
  }
}
