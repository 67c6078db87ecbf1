/**
 * A node's STATUS in `kubectl get nodes`, with the semantics of kubectl's printNode (kubernetes
 * pkg/printers/internalversion/printers.go). Pure; any Node-shaped object will do.
 */

export interface PrintableNode {
  spec?: { unschedulable?: unknown } | null;
  status?: { conditions?: ReadonlyArray<{ type?: unknown; status?: unknown } | null | undefined> | null } | null;
}

/**
 * `Ready` when the Ready condition is True, `NotReady` for any other status (False, and Unknown: the node
 * controller's mark for a node that stopped reporting), `Unknown` when there is no Ready condition at all;
 * `,SchedulingDisabled` appended for a cordoned node. With several Ready conditions the last one counts.
 */
export function printNodeStatus(node: PrintableNode): string {
  let ready: { status?: unknown } | undefined;
  for (const c of Array.isArray(node.status?.conditions) ? node.status.conditions : []) {
    if (c?.type === 'Ready') {
      ready = c;
    }
  }
  const status = ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  return node.spec?.unschedulable === true ? `${status},SchedulingDisabled` : status;
}
