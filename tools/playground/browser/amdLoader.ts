/**
 * A small AMD loader, enough for what Grafana's SystemJS does with a plugin's module.js: named modules
 * registered by the host (the shared externals), anonymous `define([...deps], factory)` from a script loaded by
 * URL, and the special `module` dependency whose `uri` the webpack runtime reads to find its public path.
 */

type Factory = (...deps: unknown[]) => unknown;

interface PendingDefine {
  deps: string[];
  factory: Factory | unknown;
}

export interface AmdModuleInfo {
  id: string;
  uri: string;
}

export interface AmdLoader {
  /** AMD `define`; named or anonymous, with or without dependencies */
  define: ((...args: unknown[]) => void) & { amd: Record<string, never> };
  /** loads names or script URLs, resolves with their values in order */
  load(deps: string[]): Promise<unknown[]>;
  /** registers a value under a name, as a host-provided module */
  provide(name: string, value: unknown): void;
  /** the names registered so far */
  names(): string[];
}

function isUrl(dep: string): boolean {
  return dep.startsWith('/') || dep.startsWith('./') || /^https?:/.test(dep) || dep.endsWith('.js');
}

function parseDefine(args: unknown[]): { name?: string } & PendingDefine {
  let i = 0;
  const name = typeof args[i] === 'string' ? (args[i++] as string) : undefined;
  const deps = Array.isArray(args[i]) ? (args[i++] as string[]) : [];
  return { name, deps, factory: args[i] };
}

/** Loads a classic script; resolves after it ran (its `define` calls happened synchronously while it ran). */
function injectScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`AMD loader: could not load ${url}`));
    document.head.appendChild(script);
  });
}

export function createAmdLoader(): AmdLoader {
  const registry = new Map<string, Promise<unknown>>();
  // named modules are instantiated when first asked for, as AMD loaders do
  const definitions = new Map<string, PendingDefine>();
  // anonymous defines run while their script executes; the script's load event claims them
  let anonymous: PendingDefine[] = [];

  const resolveDep = (dep: string, self: AmdModuleInfo, exportsObj: Record<string, unknown>): Promise<unknown> => {
    if (dep === 'module') {
      return Promise.resolve(self);
    }
    if (dep === 'exports') {
      return Promise.resolve(exportsObj);
    }
    if (dep === 'require') {
      return Promise.resolve((deps: string[], cb?: Factory) => void load(deps).then((values) => cb?.(...values)));
    }
    return loadOne(dep);
  };

  const instantiate = async (pending: PendingDefine, self: AmdModuleInfo): Promise<unknown> => {
    const exportsObj: Record<string, unknown> = {};
    const values = await Promise.all(pending.deps.map((d) => resolveDep(d, self, exportsObj)));
    if (typeof pending.factory !== 'function') {
      return pending.factory;
    }
    const result = (pending.factory as Factory)(...values);
    return result === undefined && pending.deps.includes('exports') ? exportsObj : result;
  };

  const loadScript = async (url: string): Promise<unknown> => {
    const uri = new URL(url, window.location.href).toString();
    anonymous = [];
    await injectScript(uri);
    const claimed = anonymous.shift();
    anonymous = [];
    if (!claimed) {
      throw new Error(`AMD loader: ${url} ran but did not call define()`);
    }
    return instantiate(claimed, { id: uri, uri });
  };

  // scripts load one after another so every anonymous define belongs to the script that just ran
  let scriptQueue: Promise<unknown> = Promise.resolve();
  const loadOne = (dep: string): Promise<unknown> => {
    const known = registry.get(dep);
    if (known) {
      return known;
    }
    const definition = definitions.get(dep);
    if (definition) {
      const instance = instantiate(definition, { id: dep, uri: dep });
      registry.set(dep, instance);
      return instance;
    }
    if (!isUrl(dep)) {
      return Promise.reject(new Error(`AMD loader: no module "${dep}" (the host provides: ${names().join(', ')})`));
    }
    const next = scriptQueue.then(
      () => loadScript(dep),
      () => loadScript(dep)
    );
    scriptQueue = next.catch(() => undefined);
    registry.set(dep, next);
    return next;
  };

  const load = (deps: string[]) => Promise.all(deps.map(loadOne));
  const names = () => [...definitions.keys()];

  const define = Object.assign(
    (...args: unknown[]) => {
      const { name, deps, factory } = parseDefine(args);
      if (name) {
        definitions.set(name, { deps, factory });
      } else {
        anonymous.push({ deps, factory });
      }
    },
    { amd: {} as Record<string, never> }
  );

  return {
    define,
    load,
    provide: (name, value) => define(name, [], () => value),
    names,
  };
}
