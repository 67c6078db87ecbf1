import { FieldType } from '@grafana/data';

import { secondsBetween } from '../../../decode/k8sAge';
import { PodPrint, printPod } from '../../../decode/podPrinter';
import { ageSpec, buildColumns, ColumnSpec, nameSpec, namespaceSpec, ObjectColumn, text } from './columns';
import { PodObject } from '../../../decode/apiTypes';

/** One pod and what kubectl prints for it, before it becomes cells. */
interface PrintedPod {
  pod: PodObject;
  print: PodPrint;
}

const SPECS: ReadonlyArray<ColumnSpec<PrintedPod>> = [
  namespaceSpec((s) => s.pod),
  nameSpec((s) => s.pod),
  { name: 'ready', displayName: 'Ready', type: FieldType.string, value: (s) => s.print.ready },
  // kubectl prints an empty cell for a pod with neither phase nor reason
  { name: 'status', displayName: 'Status', type: FieldType.string, value: (s) => s.print.status || null },
  // RESTARTS and its "(5m ago)" as two numbers, so Grafana sorts them and formats the age
  { name: 'restarts', displayName: 'Restarts', type: FieldType.number, value: (s) => s.print.restarts },
  {
    name: 'lastRestart',
    displayName: 'Last restart',
    type: FieldType.number,
    unit: 'dtdurations',
    value: (s, nowMs) => (s.print.restarts > 0 ? secondsBetween(s.print.lastRestartMs, nowMs) : null),
  },
  ageSpec((s) => s.pod),
  { name: 'ip', displayName: 'IP', type: FieldType.string, value: (s) => text(s.pod.status?.podIP) },
  { name: 'node', displayName: 'Node', type: FieldType.string, value: (s) => text(s.pod.spec?.nodeName) },
];

/** `kubectl get pods -o wide`: namespace, name, ready, status, restarts, last restart, age, IP, node. */
export function podColumns(pods: readonly PodObject[], nowMs: number): ObjectColumn[] {
  return buildColumns(
    SPECS,
    pods.map((pod) => ({ pod, print: printPod(pod) })),
    nowMs
  );
}
