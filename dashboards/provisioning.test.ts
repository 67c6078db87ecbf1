/** @jest-environment node */
/**
 * The demo stack's dashboard provider: it parses, and the folder it reads inside the Grafana container is,
 * through docker-compose.yaml's mounts, the repository folder that holds the stack dashboards.
 */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

import { CATALOG, REPO_ROOT } from './catalog';

interface Provider {
  name: string;
  type: string;
  folder?: string;
  options: { path: string };
}

interface ComposeService {
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
}

const readYaml = <T>(...parts: string[]) => parse(fs.readFileSync(path.join(REPO_ROOT, ...parts), 'utf8')) as T;

const providers = readYaml<{ apiVersion: number; providers: Provider[] }>(
  'provisioning',
  'dashboards',
  'dashboards.yaml'
);
const grafana = readYaml<{ services: Record<string, ComposeService> }>('docker-compose.yaml').services.grafana;

/** Bind mounts of the Grafana service as [host path, container path]. */
function bindMounts(): Array<[string, string]> {
  return (grafana?.volumes ?? []).flatMap((v): Array<[string, string]> => {
    const [source, target] = typeof v === 'string' ? v.split(':') : [v.source ?? '', v.target ?? ''];
    return source.startsWith('.') || source.startsWith('/') ? [[path.resolve(REPO_ROOT, source), target]] : [];
  });
}

/** The repository folder a container path shows, through the deepest mount that holds it. */
function hostPathOf(containerPath: string): string | undefined {
  const mounts = bindMounts()
    .filter(([, target]) => containerPath === target || containerPath.startsWith(`${target}/`))
    .sort((a, b) => b[1].length - a[1].length);
  const [host, target] = mounts[0] ?? [];
  return host === undefined ? undefined : path.join(host, path.relative(target!, containerPath));
}

describe('dashboard provisioning', () => {
  it('has one file provider', () => {
    expect(providers.apiVersion).toBe(1);
    expect(providers.providers).toEqual([
      expect.objectContaining({
        type: 'file',
        options: expect.objectContaining({ path: expect.stringMatching(/^\//) }),
      }),
    ]);
  });

  it('reads a folder that docker-compose.yaml mounts from the repository', () => {
    const containerPath = providers.providers[0].options.path;
    expect(hostPathOf(containerPath)).toBeDefined();
  });

  it('finds there every stack dashboard, and no dashboard the app already ships (one uid, one owner)', () => {
    const host = hostPathOf(providers.providers[0].options.path)!;
    const files = fs.readdirSync(host).filter((f) => f.endsWith('.json'));
    const byDestination = (d: string) => CATALOG.filter((e) => e.destination === d).map((e) => e.file);
    expect(files.sort()).toEqual(byDestination('stack').sort());
  });
});
