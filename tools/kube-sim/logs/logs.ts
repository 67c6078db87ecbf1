/**
 * GET /api/v1/namespaces/{ns}/pods/{pod}/log, as the apiserver and the kubelet answer it together:
 * option validation (422), container choice (400 from the apiserver), container state checks (400
 * relayed from the kubelet), then the kubelet's reading rules: sinceTime/sinceSeconds keep lines at
 * or after the time, tailLines keeps the last N of those, timestamps=true prefixes RFC3339NanoFixed,
 * limitBytes cuts the body (prefixes included, possibly mid-line).
 *
 * Logs are rotated: only the last MAX_RETAINED_ENTRIES entries of an instance are kept.
 */
import { type SimCluster, type SimContainer, type SimPod, containerStatusLost } from '../cluster/model';
import { hashRange } from '../cluster/hash';
import {
  lastEntryAtOrBefore,
  linesInRange,
  rfc3339NanoFixed,
  type LogEnding,
  type LogInstance,
  type LogLine,
} from './logLines';

export interface PodLogOptions {
  container?: string;
  previous?: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
  timestamps?: boolean;
  follow?: boolean;
}

export type PodLogResult = { ok: true; body: string } | { ok: false; status: number; message: string; reason: string };

type Failure = Extract<PodLogResult, { ok: false }>;

/** Entries kept per container instance, standing in for the kubelet's log rotation. */
export const MAX_RETAINED_ENTRIES = 10_000;

function badRequest(message: string): Failure {
  return { ok: false, status: 400, reason: 'BadRequest', message };
}

/** Go's %q for the simple names Kubernetes allows. */
function q(s: string): string {
  return JSON.stringify(s);
}

/** apiserver ValidatePodLogOptions, reported as NewInvalid(Kind("PodLogOptions"), name, errs). */
function validateOptions(pod: SimPod, o: PodLogOptions): Failure | undefined {
  const errs: string[] = [];
  if (o.tailLines !== undefined && !(o.tailLines >= 0)) {
    errs.push(`tailLines: Invalid value: ${o.tailLines}: must be greater than or equal to 0`);
  }
  if (o.limitBytes !== undefined && !(o.limitBytes >= 1)) {
    errs.push(`limitBytes: Invalid value: ${o.limitBytes}: must be greater than 0`);
  }
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined) {
    errs.push(': Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  } else if (o.sinceSeconds !== undefined && !(o.sinceSeconds >= 1)) {
    errs.push(`sinceSeconds: Invalid value: ${o.sinceSeconds}: must be greater than 0`);
  }
  if (errs.length === 0) {
    return undefined;
  }
  const detail = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return { ok: false, status: 422, reason: 'Invalid', message: `PodLogOptions ${q(pod.name)} is invalid: ${detail}` };
}

/** The apiserver's ValidateContainer: default to the only container, else insist on a valid name. */
export function chooseContainer(
  pod: SimPod,
  name: string | undefined
): { ok: true; container: SimContainer } | Failure {
  const all = [...pod.initContainers, ...pod.containers];
  if (!name) {
    if (pod.containers.length === 1) {
      return { ok: true, container: pod.containers[0] };
    }
    if (pod.containers.length === 0) {
      return badRequest(`a container name must be specified for pod ${pod.name}`);
    }
    // a Go []string printed with %s: [a b c], init containers first
    return badRequest(
      `a container name must be specified for pod ${pod.name}, choose one of: [${all.map((c) => c.name).join(' ')}]`
    );
  }
  const c = all.find((x) => x.name === name);
  return c ? { ok: true, container: c } : badRequest(`container ${name} is not valid for pod ${pod.name}`);
}

function endingFor(reason: string | undefined, exitCode: number | undefined): LogEnding {
  if (reason === 'OOMKilled') {
    return 'oom';
  }
  return reason === 'Completed' || exitCode === 0 ? 'completed' : 'crash';
}

function baseInstance(
  cluster: SimCluster,
  pod: SimPod,
  c: SimContainer,
  tag: string
): Omit<LogInstance, 'startMs' | 'endMs'> {
  return {
    key: `${cluster.seed}/${pod.uid}/${c.name}/${tag}`,
    style: c.logStyle,
    containerName: c.name,
    image: c.image,
    rate: c.logRate,
  };
}

/** The last terminated instance of a container now waiting to restart (CrashLoopBackOff). */
function lastTerminated(cluster: SimCluster, pod: SimPod, c: SimContainer, nowMs: number): LogInstance {
  const key = `${pod.uid}/${c.name}`;
  let start = c.startedAtMs;
  if (!(start > 0)) {
    start = nowMs - 60_000 - Math.round(hashRange(key, 70, 0, 60_000));
  }
  const end = c.finishedAtMs ?? start + Math.round(hashRange(key, 71, 2000, 9000));
  return {
    ...baseInstance(cluster, pod, c, 'last'),
    startMs: start,
    endMs: Math.max(start, end),
    ending: endingFor(c.lastReason, c.lastExitCode),
  };
}

/** The instance before the current one: it died a back-off delay before the current one started. */
function previousInstance(cluster: SimCluster, pod: SimPod, c: SimContainer): LogInstance {
  const key = `${pod.uid}/${c.name}`;
  const backoff =
    Math.min(300_000, 10_000 * 2 ** Math.max(0, Math.min(5, c.restartCount - 1))) +
    Math.round(hashRange(key, 72, 0, 2000));
  const end = c.startedAtMs - backoff;
  const lifetime = Math.round(hashRange(key, 73, 120_000, 6 * 3_600_000));
  let start = Math.max(pod.startMs, end - lifetime);
  if (start >= end) {
    start = end - 1000;
  }
  return {
    ...baseInstance(cluster, pod, c, `#${c.restartCount - 1}`),
    startMs: start,
    endMs: end,
    ending: endingFor(c.lastReason, c.lastExitCode),
  };
}

/** The kubelet's validateContainerLogStatus: which instance's log to read, or why there is none. */
export function logInstanceFor(
  cluster: SimCluster,
  pod: SimPod,
  c: SimContainer,
  previous: boolean,
  nowMs: number
): LogInstance | Failure {
  if (previous) {
    if (!c.hasPrevious) {
      return badRequest(`previous terminated container ${q(c.name)} in pod ${q(pod.name)} not found`);
    }
    return c.state === 'waiting' ? lastTerminated(cluster, pod, c, nowMs) : previousInstance(cluster, pod, c);
  }
  switch (c.state) {
    case 'running':
      return {
        ...baseInstance(cluster, pod, c, `#${c.restartCount}`),
        startMs: c.startedAtMs > 0 ? c.startedAtMs : pod.startMs,
        endMs: Infinity,
      };
    case 'terminated': {
      // no container ID to read from (never started, or lost with an evicted pod): the previous one's, if any
      if (!(c.startedAtMs > 0) || containerStatusLost(c)) {
        return c.hasPrevious
          ? previousInstance(cluster, pod, c)
          : badRequest(`container ${q(c.name)} in pod ${q(pod.name)} is terminated`);
      }
      const runMs = Math.round(
        hashRange(`${pod.uid}/${c.name}`, 74, c.init ? 1500 : 10_000, c.init ? 12_000 : 600_000)
      );
      const end = c.finishedAtMs ?? c.startedAtMs + runMs;
      return {
        ...baseInstance(cluster, pod, c, `#${c.restartCount}`),
        startMs: c.startedAtMs,
        endMs: Math.max(c.startedAtMs, end),
        ending: endingFor(c.reason, c.exitCode),
      };
    }
    default: {
      // a container waiting to restart serves the log of its last run
      if (c.hasPrevious) {
        return lastTerminated(cluster, pod, c, nowMs);
      }
      const reason = c.reason ?? 'ContainerCreating';
      const detail =
        reason === 'ErrImagePull'
          ? "image can't be pulled"
          : reason === 'ImagePullBackOff'
            ? 'trying and failing to pull image'
            : reason;
      return badRequest(`container ${q(c.name)} in pod ${q(pod.name)} is waiting to start: ${detail}`);
    }
  }
}

/** sinceTime (RFC3339, truncated to seconds as the apiserver re-formats it) or now - sinceSeconds. */
function sinceMs(o: PodLogOptions, nowMs: number): number | undefined | Failure {
  if (o.sinceTime !== undefined) {
    const m = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(o.sinceTime);
    const t = m ? Date.parse(o.sinceTime) : NaN;
    if (Number.isNaN(t)) {
      return badRequest(
        `parsing time ${q(o.sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${q(o.sinceTime)} as "2006"`
      );
    }
    return Math.floor(t / 1000) * 1000;
  }
  return o.sinceSeconds !== undefined ? nowMs - o.sinceSeconds * 1000 : undefined;
}

function isFailure(x: unknown): x is Failure {
  return typeof x === 'object' && x !== null && (x as Failure).ok === false;
}

function format(lines: LogLine[], timestamps: boolean | undefined): string {
  let out = '';
  for (const l of lines) {
    out += timestamps ? `${rfc3339NanoFixed(l.ms, l.ns)} ${l.text}\n` : `${l.text}\n`;
  }
  return out;
}

/** Cuts a body at n bytes, as the kubelet's limited writer does (it may stop mid-line). */
function limitBytes(body: string, n: number): string {
  const bytes = Buffer.from(body, 'utf8');
  return bytes.length <= n ? body : bytes.subarray(0, n).toString('utf8');
}

/** Resolves options to the instance to read and the since bound, or the error the API would return. */
function resolve(
  cluster: SimCluster,
  pod: SimPod,
  opts: PodLogOptions,
  nowMs: number
): { inst?: LogInstance; since?: number } | Failure {
  const invalid = validateOptions(pod, opts);
  if (invalid) {
    return invalid;
  }
  const chosen = chooseContainer(pod, opts.container);
  if (!chosen.ok) {
    return chosen;
  }
  // the apiserver has no kubelet to ask for an unscheduled pod and answers with an empty body
  if (!pod.nodeName) {
    return {};
  }
  const inst = logInstanceFor(cluster, pod, chosen.container, !!opts.previous, nowMs);
  if (isFailure(inst)) {
    return inst;
  }
  const since = sinceMs(opts, nowMs);
  if (isFailure(since)) {
    return since;
  }
  return { inst, since };
}

/** The whole log response at nowMs (with follow=true this is what is sent before streaming). */
export function podLogs(cluster: SimCluster, pod: SimPod, opts: PodLogOptions, nowMs: number): PodLogResult {
  const r = resolve(cluster, pod, opts, nowMs);
  if (isFailure(r)) {
    return r;
  }
  if (!r.inst) {
    return { ok: true, body: '' };
  }
  const inst = r.inst;
  const upper = Math.min(nowMs, inst.endMs);
  const lastK = lastEntryAtOrBefore(inst, upper);
  let minEntry = Math.max(0, lastK - MAX_RETAINED_ENTRIES + 1);
  if (opts.tailLines !== undefined) {
    // every entry is at least one line, so the last N lines lie within the last N entries
    minEntry = Math.max(minEntry, lastK - opts.tailLines + 1);
  }
  let lines = linesInRange(inst, r.since === undefined ? -Infinity : r.since - 1, upper, minEntry);
  if (opts.tailLines !== undefined) {
    lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  }
  const body = format(lines, opts.timestamps);
  return { ok: true, body: opts.limitBytes !== undefined ? limitBytes(body, opts.limitBytes) : body };
}

/**
 * The lines the container writes in (fromMs, toMs], formatted per opts.timestamps: what a follow
 * stream sends next. Consecutive windows neither repeat nor skip a line. Errors and unscheduled pods
 * give ''. tailLines and limitBytes are the caller's business across the whole stream.
 */
export function podLogStream(
  cluster: SimCluster,
  pod: SimPod,
  opts: PodLogOptions,
  fromMs: number,
  toMs: number
): string {
  const r = resolve(cluster, pod, opts, toMs);
  if (isFailure(r) || !r.inst) {
    return '';
  }
  const inst = r.inst;
  const upper = Math.min(toMs, inst.endMs);
  const lastK = lastEntryAtOrBefore(inst, upper);
  const minEntry = Math.max(0, lastK - MAX_RETAINED_ENTRIES + 1);
  const from = r.since === undefined ? fromMs : Math.max(fromMs, r.since - 1);
  return format(linesInRange(inst, from, upper, minEntry), opts.timestamps);
}
