import { NodeObject } from './apiTypes';
import { listItems } from './decodeError';
import { parseKubeTime } from './kubeTime';
import { Decoded, readQuantity } from './decoded';
import { printNodeStatus } from './nodePrinter';

/** The columns of `kubectl get nodes -o wide` that the nodes query shows. */
export interface NodeInfo {
  name: string;
  roles: string[];
  /** STATUS as kubectl prints it: Ready, NotReady or Unknown, with ",SchedulingDisabled" when cordoned */
  status: string;
  kubeletVersion?: string;
  creationMs?: number;
  cpuAllocatable?: number;
  memoryAllocatable?: number;
  cpuCapacity?: number;
  memoryCapacity?: number;
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Roles as kubectl derives them: `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role`. */
export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles: string[] = [];
  if (!labels) {
    return roles;
  }
  for (const key of Object.keys(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) {
      roles.push(key.slice(ROLE_PREFIX.length));
    } else if (key === 'kubernetes.io/role' && labels[key]) {
      roles.push(labels[key]);
    }
  }
  return roles.sort();
}

export function decodeNode(node: NodeObject, problems: string[]): NodeInfo | undefined {
  const name = node?.metadata?.name;
  if (typeof name !== 'string' || !name) {
    problems.push('a Node without metadata.name');
    return undefined;
  }
  const status = node.status ?? {};
  const alloc = status.allocatable ?? {};
  const cap = status.capacity ?? {};
  return {
    name,
    roles: nodeRoles(node.metadata?.labels),
    status: printNodeStatus(node),
    kubeletVersion: status.nodeInfo?.kubeletVersion,
    creationMs: parseKubeTime(node.metadata?.creationTimestamp),
    cpuAllocatable: readQuantity(alloc.cpu, `node ${name} allocatable cpu`, problems),
    memoryAllocatable: readQuantity(alloc.memory, `node ${name} allocatable memory`, problems),
    cpuCapacity: readQuantity(cap.cpu, `node ${name} capacity cpu`, problems),
    memoryCapacity: readQuantity(cap.memory, `node ${name} capacity memory`, problems),
  };
}

/** A NodeList body (or the concatenated items of its pages) to node rows. */
export function decodeNodeList(body: unknown): Decoded<NodeInfo> {
  const problems: string[] = [];
  const items: NodeInfo[] = [];
  for (const raw of listItems(body, 'NodeList')) {
    const n = decodeNode(raw as NodeObject, problems);
    if (n) {
      items.push(n);
    }
  }
  return { items, problems };
}
