/**
 * The state of an in-place resize (GA in 1.35) from the pod's conditions: `PodResizePending` (reason
 * `Infeasible` or `Deferred`, with the kubelet's message) while the kubelet has not admitted the new
 * resources, `PodResizeInProgress` while it has admitted but not yet applied them. Both may be set when a new
 * resize arrives during another. Before 1.33 the same states were the `status.resize` string. Pure.
 */
import { Condition, PodObject } from '../../decode/apiTypes';

export interface ResizeState {
  /** what the Resize column shows, e.g. "Pending (Infeasible): Node didn't have enough capacity: cpu" */
  text: string;
  /** the kubelet will never apply the spec as it stands: the spec is not what is in effect, nor will it be */
  infeasible: boolean;
}

function describe(what: string, c: Condition): string {
  const reason = typeof c.reason === 'string' && c.reason ? ` (${c.reason})` : '';
  const message = typeof c.message === 'string' && c.message ? `: ${c.message}` : '';
  return `${what}${reason}${message}`;
}

/** The legacy `status.resize` values (1.27–1.32, behind the InPlacePodVerticalScaling gate). */
function legacy(resize: unknown): ResizeState | undefined {
  switch (resize) {
    case 'InProgress':
      return { text: 'In progress', infeasible: false };
    case 'Proposed':
    case 'Deferred':
    case 'Infeasible':
      return { text: `Pending (${resize})`, infeasible: resize === 'Infeasible' };
    default:
      return undefined;
  }
}

/** Undefined for the usual pod without a resize; allocates only when there is one. */
export function readResize(status: PodObject['status']): ResizeState | undefined {
  const conditions = status?.conditions;
  let pending: Condition | undefined;
  let inProgress: Condition | undefined;
  if (Array.isArray(conditions)) {
    for (const c of conditions) {
      // the kubelet removes these conditions when done; a False one (never written today) means nothing pends
      if (!c || c.status === 'False') {
        continue;
      }
      if (c.type === 'PodResizePending') {
        pending ??= c;
      } else if (c.type === 'PodResizeInProgress') {
        inProgress ??= c;
      }
    }
  }
  if (!pending && !inProgress) {
    return legacy(status?.resize);
  }
  const parts: string[] = [];
  if (pending) {
    parts.push(describe('Pending', pending));
  }
  if (inProgress) {
    parts.push(describe('In progress', inProgress));
  }
  return { text: parts.join('; '), infeasible: pending?.reason === 'Infeasible' };
}
