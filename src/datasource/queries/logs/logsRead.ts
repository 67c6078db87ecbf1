/**
 * One GET of one container's log, parsed. Always `timestamps=true` (the rows need their time and the ids
 * are built from it) and always with `limitBytes` (a chatty container cannot freeze the browser); never
 * `follow=true`, which Grafana's data proxy would cut off.
 */
import { map, Observable } from 'rxjs';

import { LogRows, parseKubeletLog } from './logLines';
import { KubeClient } from '../../kube/client';
import { podLogPath } from '../../kube/paths';
import { LogTarget } from './logsTargets';
import { reachedLimit, withoutPartialLast } from './logsRows';

export interface LogReadOptions {
  /** sinceTime; the API keeps whole seconds, so lines earlier in that second come too */
  sinceMs?: number;
  tailLines?: number;
  limitBytes: number;
  previous?: boolean;
}

/** RFC3339 to the second, as PodLogOptions.sinceTime is read. */
export function sinceTimeParam(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The container's lines. `capped` says the body reached limitBytes (the log goes on after the last row);
 * the line limitBytes cut in two is dropped, so every row is a whole line.
 */
export function readContainerLog(client: KubeClient, target: LogTarget, opts: LogReadOptions): Observable<LogRows> {
  const params = {
    container: target.container,
    timestamps: true,
    previous: opts.previous || undefined,
    sinceTime: opts.sinceMs !== undefined ? sinceTimeParam(opts.sinceMs) : undefined,
    tailLines: opts.tailLines,
    limitBytes: opts.limitBytes,
  };
  return client.getText(podLogPath(target.namespace, target.pod), params).pipe(
    map((text) => {
      const capped = reachedLimit(text, opts.limitBytes);
      const rows = parseKubeletLog(text, target.labels, { capped });
      return capped ? withoutPartialLast(rows) : rows;
    })
  );
}
