import { PrintableNode, printNodeStatus } from './nodePrinter';

/** Nodes as the API server returns them, with what `kubectl get nodes` prints as STATUS (printNode). */
const ready = (status: string) => ({ type: 'Ready', status });
const pressure = { type: 'MemoryPressure', status: 'False' };

describe('printNodeStatus', () => {
  it.each<[string, PrintableNode, string]>([
    ['the Ready condition True', { status: { conditions: [pressure, ready('True')] } }, 'Ready'],
    ['the Ready condition False', { status: { conditions: [ready('False')] } }, 'NotReady'],
    // the node controller sets Unknown when the kubelet stops reporting; kubectl prints it as NotReady
    ['the Ready condition Unknown', { status: { conditions: [ready('Unknown')] } }, 'NotReady'],
    ['a Ready condition with an odd status', { status: { conditions: [ready('')] } }, 'NotReady'],
    ['no Ready condition, only others', { status: { conditions: [pressure] } }, 'Unknown'],
    ['no status at all', {}, 'Unknown'],
    [
      'several Ready conditions: the last one counts',
      { status: { conditions: [ready('False'), ready('True')] } },
      'Ready',
    ],
    [
      'cordoned and Ready',
      { spec: { unschedulable: true }, status: { conditions: [ready('True')] } },
      'Ready,SchedulingDisabled',
    ],
    [
      'cordoned and not ready',
      { spec: { unschedulable: true }, status: { conditions: [ready('Unknown')] } },
      'NotReady,SchedulingDisabled',
    ],
    ['cordoned without a Ready condition', { spec: { unschedulable: true } }, 'Unknown,SchedulingDisabled'],
    ['unschedulable false', { spec: { unschedulable: false }, status: { conditions: [ready('True')] } }, 'Ready'],
  ])('%s', (_what, node, status) => {
    expect(printNodeStatus(node)).toBe(status);
  });
});
