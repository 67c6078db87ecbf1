import { FieldType } from '@grafana/data';

import { nodeRoles } from '../../decode/nodeObjects';
import { ageSpec, buildColumns, ColumnSpec, nameSpec, ObjectColumn, text } from './columns';
import { NodeObj } from './kubeObjects';

/**
 * kubectl's node STATUS: `Ready` when the Ready condition is True, `NotReady` for False or Unknown,
 * `Unknown` without a Ready condition; `,SchedulingDisabled` when cordoned.
 */
export function nodeStatus(node: NodeObj): string {
  const ready = (node.status?.conditions ?? []).find((c) => c?.type === 'Ready');
  const parts = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable === true) {
    parts.push('SchedulingDisabled');
  }
  return parts.join(',');
}

function address(node: NodeObj, type: string): string | null {
  return text((node.status?.addresses ?? []).find((a) => a?.type === type)?.address);
}

const SPECS: ReadonlyArray<ColumnSpec<NodeObj>> = [
  nameSpec(),
  { name: 'status', displayName: 'Status', type: FieldType.string, value: nodeStatus },
  {
    name: 'roles',
    displayName: 'Roles',
    type: FieldType.string,
    value: (n) => nodeRoles(n.metadata?.labels).join(',') || '<none>',
  },
  ageSpec(),
  {
    name: 'version',
    displayName: 'Version',
    type: FieldType.string,
    value: (n) => text(n.status?.nodeInfo?.kubeletVersion),
  },
  { name: 'internalIP', displayName: 'Internal IP', type: FieldType.string, value: (n) => address(n, 'InternalIP') },
  { name: 'externalIP', displayName: 'External IP', type: FieldType.string, value: (n) => address(n, 'ExternalIP') },
  { name: 'osImage', displayName: 'OS image', type: FieldType.string, value: (n) => text(n.status?.nodeInfo?.osImage) },
  {
    name: 'kernelVersion',
    displayName: 'Kernel',
    type: FieldType.string,
    value: (n) => text(n.status?.nodeInfo?.kernelVersion),
  },
  {
    name: 'containerRuntime',
    displayName: 'Container runtime',
    type: FieldType.string,
    value: (n) => text(n.status?.nodeInfo?.containerRuntimeVersion),
  },
];

/** `kubectl get nodes -o wide`. */
export function nodeColumns(nodes: readonly NodeObj[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, nodes, nowMs);
}
