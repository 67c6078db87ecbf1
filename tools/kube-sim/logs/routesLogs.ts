/**
 * GET /api/v1/namespaces/{ns}/pods/{pod}/log: PodLogOptions parsing and validation (422 Invalid, as
 * the apiserver checks before looking at the pod), then logs.ts for the body; follow=true streams.
 */
import { kubeletDown, podExists } from '../cluster/nodeLifecycle';
import type { IncomingMessage, ServerResponse } from 'http';
import { holdOpen, type RouteContext, type Reply, statusReply } from '../server/routesCommon';
import type { SimPod } from '../cluster/model';
import { clusterIndex } from '../cluster/clusterIndex';
import { FieldError, badRequest, forbidden, invalid, notFound, status } from '../api/status';
import { parseRfc3339 } from '../cluster/clock';
import { PodLogOptions, podLogStream, podLogs } from './logs';

/** query booleans as apimachinery converts them: anything but false/f/0 (or empty) is true */
function bool(v: string | null): boolean | undefined {
  if (v === null) {
    return undefined;
  }
  return !['', 'false', 'f', '0'].includes(v.toLowerCase());
}

type Parsed = { ok: true; opts: PodLogOptions } | { ok: false; reply: Reply };

function int(name: string, v: string | null): { ok: true; value?: number } | { ok: false; reply: Reply } {
  if (v === null) {
    return { ok: true };
  }
  if (!/^[-+]?\d+$/.test(v)) {
    return { ok: false, reply: statusReply(badRequest(`strconv.ParseInt: parsing "${v}": invalid syntax`)) };
  }
  return { ok: true, value: Number(v) };
}

export function parseLogOptions(q: URLSearchParams, podName: string): Parsed {
  const opts: PodLogOptions = {};
  const container = q.get('container');
  if (container) {
    opts.container = container;
  }
  opts.previous = bool(q.get('previous'));
  opts.timestamps = bool(q.get('timestamps'));
  opts.follow = bool(q.get('follow'));
  for (const key of ['sinceSeconds', 'tailLines', 'limitBytes'] as const) {
    const r = int(key, q.get(key));
    if (!r.ok) {
      return r;
    }
    if (r.value !== undefined) {
      opts[key] = r.value;
    }
  }
  const sinceTime = q.get('sinceTime');
  if (sinceTime !== null) {
    if (parseRfc3339(sinceTime) === undefined) {
      return {
        ok: false,
        reply: statusReply(
          badRequest(
            `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`
          )
        ),
      };
    }
    opts.sinceTime = sinceTime;
  }
  // ValidatePodLogOptions
  const errs: FieldError[] = [];
  if (opts.tailLines !== undefined && opts.tailLines < 0) {
    errs.push({
      field: 'tailLines',
      type: 'FieldValueInvalid',
      body: `Invalid value: ${opts.tailLines}: must be greater than or equal to 0`,
    });
  }
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) {
    errs.push({
      field: 'limitBytes',
      type: 'FieldValueInvalid',
      body: `Invalid value: ${opts.limitBytes}: must be greater than 0`,
    });
  }
  if (opts.sinceSeconds !== undefined && opts.sinceTime !== undefined) {
    errs.push({
      field: '',
      type: 'FieldValueForbidden',
      body: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    });
  } else if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1) {
    errs.push({
      field: 'sinceSeconds',
      type: 'FieldValueInvalid',
      body: `Invalid value: ${opts.sinceSeconds}: must be greater than 0`,
    });
  }
  if (errs.length) {
    return { ok: false, reply: statusReply(invalid('PodLogOptions', podName, errs)) };
  }
  return { ok: true, opts };
}

/** the container the log comes from: the named one, or the only one */
function targetContainer(pod: SimPod, opts: PodLogOptions) {
  const all = [...pod.initContainers, ...pod.containers];
  return opts.container ? all.find((c) => c.name === opts.container) : all.length === 1 ? all[0] : undefined;
}

export function logRoute(ctx: RouteContext, namespace: string, podName: string): Reply {
  if (ctx.faults.isDenied('', 'pods', 'log', 'get', namespace)) {
    return statusReply(
      forbidden({
        user: ctx.user,
        verb: 'get',
        group: '',
        resource: 'pods',
        subresource: 'log',
        namespace,
        name: podName,
      })
    );
  }
  const parsed = parseLogOptions(ctx.query, podName);
  if (!parsed.ok) {
    return parsed.reply;
  }
  const opts = parsed.opts;
  const pod = clusterIndex(ctx.cluster).podByKey.get(`${namespace}/${podName}`);
  const podNode = pod?.nodeName ? clusterIndex(ctx.cluster).nodeByName.get(pod.nodeName) : undefined;
  if (!pod || !podExists(pod, podNode, ctx.now)) {
    return statusReply(notFound('pods', '', podName));
  }
  const first = podLogs(ctx.cluster, pod, opts, ctx.now);
  if (!first.ok) {
    return statusReply(status(first.status, first.reason, first.message));
  }
  const node = pod.nodeName ? clusterIndex(ctx.cluster).nodeByName.get(pod.nodeName) : undefined;
  if (node && (ctx.faults.isUnreachable(node.name) || kubeletDown(node, ctx.now))) {
    const c = targetContainer(pod, opts);
    const url = `https://${node.internalIP}:10250/containerLogs/${namespace}/${podName}/${c?.name ?? ''}`;
    return statusReply(
      status(500, 'InternalError', `Get "${url}": dial tcp ${node.internalIP}:10250: connect: connection refused`)
    );
  }
  const container = targetContainer(pod, opts);
  const keepOpen = !!opts.follow && !opts.previous && !!pod.nodeName && container?.state === 'running';
  if (!keepOpen) {
    return { kind: 'text', status: 200, body: first.body, contentType: 'text/plain' };
  }
  return {
    kind: 'stream',
    status: 200,
    contentType: 'text/plain',
    start: (req, res) => follow(ctx, pod, opts, first.body, req, res),
  };
}

/** Writes the log so far, then every poll the lines written since, until the client leaves or the sim stops. */
function follow(
  ctx: RouteContext,
  pod: SimPod,
  opts: PodLogOptions,
  initial: string,
  req: IncomingMessage,
  res: ServerResponse
): void {
  let sent = 0;
  const limit = opts.limitBytes;
  let last = ctx.now;
  let done = false;
  const write = (chunk: string): void => {
    if (!chunk || done) {
      return;
    }
    const buf = Buffer.from(chunk);
    if (limit !== undefined && buf.length >= limit - sent) {
      // limitBytes ends the stream, possibly mid-line
      res.write(buf.subarray(0, limit - sent));
      sent = limit;
      finish();
      return;
    }
    sent += buf.length;
    res.write(buf);
  };
  const timer = setInterval(() => {
    const now = ctx.clock();
    if (now > last) {
      write(podLogStream(ctx.cluster, pod, opts, last, now));
      last = now;
    }
  }, ctx.followPollMs);
  const finish = holdOpen(ctx, req, res, () => {
    done = true;
    clearInterval(timer);
  });
  write(initial);
}
