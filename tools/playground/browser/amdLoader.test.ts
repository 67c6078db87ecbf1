import { createAmdLoader } from './amdLoader';

describe('createAmdLoader', () => {
  it('gives a module its dependencies by name, the host-provided ones included', async () => {
    const loader = createAmdLoader();
    loader.provide('react', { createElement: 'stub' });
    loader.define('plugin', ['react', 'module'], (react: unknown, mod: { uri: string }) => ({ react, uri: mod.uri }));
    const [plugin] = await loader.load(['plugin']);
    expect(plugin).toEqual({ react: { createElement: 'stub' }, uri: 'plugin' });
    expect(loader.names()).toEqual(['react', 'plugin']);
  });

  it('fills `exports` when the factory returns nothing', async () => {
    const loader = createAmdLoader();
    loader.define('cjsish', ['exports'], (exports: Record<string, unknown>) => {
      exports.plugin = 42;
    });
    await expect(loader.load(['cjsish'])).resolves.toEqual([{ plugin: 42 }]);
  });

  it('names the missing module and what the host provides when a dependency is unknown', async () => {
    const loader = createAmdLoader();
    loader.provide('react', {});
    loader.define('plugin', ['@grafana/unknown'], () => ({}));
    await expect(loader.load(['plugin'])).rejects.toThrow(
      'no module "@grafana/unknown" (the host provides: react, plugin)'
    );
  });
});
