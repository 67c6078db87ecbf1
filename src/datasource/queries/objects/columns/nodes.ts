import { FieldType } from '@grafana/data';

import { nodeRoles } from '../../../decode/nodeObjects';
import { printNodeStatus } from '../../../decode/nodePrinter';
import { ageSpec, buildColumns, ColumnSpec, nameSpec, ObjectColumn, text } from './columns';
import { NodeObject } from '../../../decode/apiTypes';

function address(node: NodeObject, type: string): string | null {
  return text((node.status?.addresses ?? []).find((a) => a?.type === type)?.address);
}

const SPECS: ReadonlyArray<ColumnSpec<NodeObject>> = [
  nameSpec(),
  { name: 'status', displayName: 'Status', type: FieldType.string, value: printNodeStatus },
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
export function nodeColumns(nodes: readonly NodeObject[], nowMs: number): ObjectColumn[] {
  return buildColumns(SPECS, nodes, nowMs);
}
