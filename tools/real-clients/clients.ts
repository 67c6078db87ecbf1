/**
 * Running the real clients against kube-sim: kubectl (Debian's kubernetes-client) and the Python client
 * (Debian's python3-kubernetes). CI installs both (scripts/install-ci-deps.sh); where one is missing the
 * tests fail saying what to install.
 */
import { execFile, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { KubeSim } from '../kube-sim';
import { kubeconfig } from '../kube-sim/server/kubeconfig';

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

export function requireKubectl(): void {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `kubectl is missing (${r.error?.message ?? r.stderr}): these tests run the real kubectl against kube-sim; ` +
        'install it (Debian: apt-get install kubernetes-client, or run scripts/install-ci-deps.sh as root)'
    );
  }
}

/**
 * A python3 that can import kubernetes: the one on PATH, else Debian's /usr/bin/python3 (where apt puts
 * python3-kubernetes when PATH has another Python first, e.g. pyenv).
 */
export function requirePythonClient(): string {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import kubernetes'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) {
      return python;
    }
  }
  throw new Error(
    'the Python kubernetes client is missing: these tests run it against kube-sim; install it ' +
      '(Debian: apt-get install python3-kubernetes, or run scripts/install-ci-deps.sh as root)'
  );
}

/** a scratch directory with a kubeconfig for the sim (kubectl's HOME and cache live there too) */
export function clientDir(sim: KubeSim): { dir: string; config: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sim-clients-'));
  const config = path.join(dir, 'kubeconfig');
  fs.writeFileSync(config, kubeconfig(sim), { mode: 0o600 });
  return { dir, config, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout, err: stderr })
    );
  });
}

export function kubectl(dir: string, config: string, args: string[]): Promise<Run> {
  return run('kubectl', ['--kubeconfig', config, '--cache-dir', path.join(dir, 'cache'), ...args], {
    HOME: dir,
    KUBECONFIG: config,
  });
}

/**
 * kubectl's table output as records keyed by header. kubectl aligns columns with a tabwriter, so each
 * column starts where its header starts; headers are split where two or more spaces separate them.
 */
export function parseTable(out: string): Array<Record<string, string>> {
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    return [];
  }
  const header = lines[0];
  const starts = [0];
  for (const m of header.matchAll(/\s{2,}(?=\S)/g)) {
    starts.push(m.index! + m[0].length);
  }
  const names = starts.map((s, i) => header.slice(s, starts[i + 1]).trim());
  return lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    names.forEach((name, i) => {
      row[name] = line.slice(starts[i], starts[i + 1]).trim();
    });
    return row;
  });
}

/** the header line's column names */
export function headerOf(out: string): string[] {
  const header = out.split('\n')[0] ?? '';
  return header.trim().split(/\s{2,}/);
}
