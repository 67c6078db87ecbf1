/**
 * Runs the real Prometheus binary (Debian's `prometheus` package, installed by scripts/install-ci-deps.sh)
 * on a loopback port with a throwaway storage directory, and queries it. The stack checks use it to scrape
 * kube-sim with the demo stack's scrape jobs; the dashboards checks can use it to run every PromQL
 * expression of the dashboards.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import net, { type AddressInfo } from 'net';
import os from 'os';
import path from 'path';

const INSTALL_HINT = 'run scripts/install-ci-deps.sh as root (it installs Debian\'s "prometheus" package)';

/** The path of an executable on PATH, or an Error that says how to install it. */
export function requireBinary(name: 'prometheus' | 'promtool'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${name} is not installed: ${INSTALL_HINT}`);
}

/** `promtool check config` on a file: returns promtool's output, throws with it when the check fails. */
export function promtoolCheckConfig(file: string, opts: { syntaxOnly?: boolean } = {}): string {
  const promtool = requireBinary('promtool');
  const args = ['check', 'config', ...(opts.syntaxOnly ? ['--syntax-only'] : []), file];
  const r = spawnSync(promtool, args, { encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) {
    throw new Error(`promtool ${args.join(' ')} failed:\n${output}`);
  }
  return output;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface HttpAnswer {
  status: number;
  body: string;
}

function httpGet(url: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every `intervalMs` until it returns a value other than undefined; rejects after `timeoutMs`
 * with `what` and the last error, so a failing wait says what it waited for.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number }
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`gave up waiting for ${what} after ${opts.timeoutMs / 1000} s${why}`);
    }
    await sleep(opts.intervalMs ?? 500);
  }
}

export interface RunningPrometheus {
  /** http://127.0.0.1:PORT */
  url: string;
  /** what Prometheus printed so far (for failure messages) */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts Prometheus with this configuration and resolves once /-/ready answers. */
export async function startPrometheus(configText: string): Promise<RunningPrometheus> {
  const binary = requireBinary('prometheus');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeglance-prometheus-'));
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, configText);
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  const collect = (b: Buffer) => {
    // keep the tail only: a long run must not grow without bound
    output = (output + b.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(
      'Prometheus to be ready',
      async () => {
        if (!running) {
          throw new Error(`prometheus exited:\n${output}`);
        }
        const r = await httpGet(`${url}/-/ready`);
        return r.status === 200 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 }
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, logs: () => output, stop };
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query; resolves with the vector, rejects with Prometheus' error (e.g. a PromQL parse error). */
export async function promQuery(url: string, expr: string): Promise<PromSample[]> {
  const r = await httpGet(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = JSON.parse(r.body) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: PromSample[] };
  };
  if (body.status !== 'success' || !body.data) {
    throw new Error(`query ${expr} failed: ${body.error ?? r.body.slice(0, 200)}`);
  }
  if (body.data.resultType !== 'vector') {
    throw new Error(`query ${expr} gave a ${body.data.resultType}, not a vector`);
  }
  return body.data.result;
}
