/**
 * A node's lanes: Ready and the three pressure conditions, from each condition's status and last transition
 * time, with the node's own events (NodeReady, NodeNotReady, NodeHasDiskPressure, ...) for the changes before.
 */
import { Condition, NodeObject } from '../../decode/apiTypes';
import { EventInfo } from '../../decode/eventObjects';
import { parseKubeTime } from '../../decode/kubeTime';
import { SpanPoints } from './spanPoints';
import { Lane } from './timelineTypes';

export const NODE_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;
export type NodeConditionType = (typeof NODE_CONDITIONS)[number];

export const NO_PRESSURE = 'OK';

/** The state text of a condition's status: Ready/NotReady, or the pressure's name/OK; Unknown as it is. */
export function nodeStateText(type: NodeConditionType, status: string | undefined): string | null {
  if (status === 'Unknown') {
    return 'Unknown';
  }
  if (type === 'Ready') {
    return status === 'True' ? 'Ready' : status === 'False' ? 'NotReady' : null;
  }
  return status === 'True' ? type : status === 'False' ? NO_PRESSURE : null;
}

/** the kubelet's and node controller's events that record a condition turning (event reason -> status) */
const EVENT_STATUS: Record<string, [NodeConditionType, 'True' | 'False']> = {
  NodeReady: ['Ready', 'True'],
  NodeNotReady: ['Ready', 'False'],
  NodeHasInsufficientMemory: ['MemoryPressure', 'True'],
  NodeHasSufficientMemory: ['MemoryPressure', 'False'],
  NodeHasDiskPressure: ['DiskPressure', 'True'],
  NodeHasNoDiskPressure: ['DiskPressure', 'False'],
  NodeHasInsufficientPID: ['PIDPressure', 'True'],
  NodeHasSufficientPID: ['PIDPressure', 'False'],
};

/** What an event says about a node condition, if anything. */
export function eventCondition(e: EventInfo): [NodeConditionType, 'True' | 'False'] | undefined {
  return e.kind === 'Node' && e.reason ? EVENT_STATUS[e.reason] : undefined;
}

function conditionOf(node: NodeObject, type: string): Condition | undefined {
  const list = node.status?.conditions;
  return Array.isArray(list) ? list.find((c) => c?.type === type) : undefined;
}

/** The node's four lanes; `events` are about this node. */
export function nodeLanes(node: NodeObject, events: readonly EventInfo[] = []): Lane[] {
  const name = node.metadata?.name;
  if (!name) {
    return [];
  }
  return NODE_CONDITIONS.map((type): Lane => {
    const points = new SpanPoints();
    const c = conditionOf(node, type);
    const since = parseKubeTime(c?.lastTransitionTime);
    for (const e of events) {
      const said = eventCondition(e);
      // events before the current status began tell what came before it
      if (said && said[0] === type && e.lastMs !== undefined && (since === undefined || e.lastMs < since)) {
        points.at(e.lastMs, nodeStateText(type, said[1]));
      }
    }
    points.at(since, nodeStateText(type, c?.status));
    return {
      key: `node/${name}/${type}`,
      label: type === 'Ready' ? name : `${name} · ${type}`,
      kind: type === 'Ready' ? 'node' : 'nodeCondition',
      group: `node/${name}`,
      spans: points.spans(),
    };
  });
}
