import type { Dashboard } from '@grafana/schema';

import { dashboard, dashboardLink } from '../lib/dashboard';
import { EVENTS_WINDOW } from './cluster';
import { onlyFields, onlyMetrics } from '../lib/filters';
import { CORES, eventsQuery, LIVE, logsQuery, podsQuery, rowLinks, summaryQuery, TABLE } from '../lib/kube';
import {
  gaugeCell,
  hideColumns,
  linkOverride,
  overrideByRegexp,
  podLogs,
  stat,
  table,
  timeseries,
} from '../lib/panels';
import { kubeDs, KUBE_DS_TYPE, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable, kubeVariable } from '../lib/variables';

const ds = kubeDs;
const NS = '$namespace';
const POD = '$pod';
// metrics.k8s.io and the pod list both accept a metadata.name field selector: one pod, no client-side filter
const ONE_POD = 'metadata.name=$pod';

const containers = (refId: string, extra: typeof LIVE | typeof TABLE) =>
  podsQuery({ refId, namespace: NS, fieldSelector: ONE_POD, groupBy: 'container', ...extra });

export function podDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.pod,
    title: 'Kubernetes / Pod (live)',
    description:
      "One pod: its containers' usage against requests and limits, restarts, swap and pressure, volumes, events and logs.",
    tags: ['kubernetes', 'live', 'pod'],
    refresh: '30s',
    links: [
      dashboardLink('Cluster', UIDS.cluster, ['ds'], 'The whole cluster'),
      dashboardLink('Logs', UIDS.logs, ['ds', 'namespace', 'pod'], "This pod's logs, full page"),
    ],
    variables: [
      dataSourceVariable(KUBE_DS_TYPE, 'Cluster', PROVISIONED_UIDS.kubeglance),
      kubeVariable('namespace', ds, { kind: 'namespaces' }, { label: 'Namespace' }),
      kubeVariable('pod', ds, { kind: 'pods', namespace: NS }, { label: 'Pod' }),
    ],
    sections: [
      {
        bands: [
          {
            h: 4,
            panels: [
              [
                24,
                stat({
                  title: 'Pod',
                  datasource: ds,
                  targets: [podsQuery({ refId: 'A', namespace: NS, fieldSelector: ONE_POD, groupBy: 'pod', ...TABLE })],
                  transformations: [onlyFields('status', 'ready', 'restarts', 'node', 'workload', 'cpu', 'memory')],
                  fields: '/.*/',
                  links: [{ title: 'Node details', url: rowLinks.node(UIDS.node) }],
                }),
              ],
            ],
          },
          {
            h: 8,
            panels: [
              [
                24,
                table({
                  title: 'Containers',
                  description:
                    'Usage against requests and limits, state and restarts per container. Click a container for its logs.',
                  datasource: ds,
                  targets: [containers('A', TABLE)],
                  transformations: [hideColumns(['namespace', 'pod', 'node', 'workloadKind', 'workload'])],
                  overrides: [
                    linkOverride('container', 'Logs', rowLinks.containerLogs(UIDS.logs)),
                    gaugeCell('cpuOfRequest'),
                    gaugeCell('cpuOfLimit'),
                    gaugeCell('memoryOfRequest'),
                    gaugeCell('memoryOfLimit'),
                  ],
                }),
              ],
            ],
          },
          {
            h: 8,
            panels: [
              [
                8,
                timeseries({
                  title: 'Containers CPU',
                  datasource: ds,
                  targets: [containers('A', LIVE)],
                  transformations: [onlyMetrics('cpu')],
                  unit: CORES,
                  min: 0,
                  legend: 'list',
                }),
              ],
              [
                8,
                timeseries({
                  title: 'Containers memory (working set)',
                  datasource: ds,
                  targets: [containers('A', LIVE)],
                  transformations: [onlyMetrics('memory')],
                  unit: 'bytes',
                  min: 0,
                  legend: 'list',
                }),
              ],
              [
                8,
                timeseries({
                  title: 'Network',
                  description: "The pod's network from the kubelet: received above the axis, sent below it.",
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', namespace: NS, podName: POD, scope: 'pod', ...LIVE })],
                  transformations: [onlyMetrics('rxBytes', 'txBytes')],
                  unit: 'Bps',
                  legend: 'list',
                  overrides: [overrideByRegexp('^.* txBytes$', { 'custom.transform': 'negative-Y' })],
                }),
              ],
            ],
          },
          {
            h: 6,
            panels: [
              [
                24,
                table({
                  title: 'Containers: swap and pressure',
                  description:
                    'Swap each container uses and may still use (LimitedSwap; only on nodes with swap), and how ' +
                    'much of the time it waited for memory, CPU or IO (PSI some, %). From the kubelet.',
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', namespace: NS, podName: POD, scope: 'container', ...TABLE })],
                  transformations: [
                    onlyFields(
                      'container',
                      'swapUsage',
                      'swapAvailable',
                      'memoryPsiSomeAvg10',
                      'memoryPsiSomeAvg60',
                      'cpuPsiSomeAvg10',
                      'cpuPsiSomeAvg60',
                      'ioPsiSomeAvg10',
                      'ioPsiSomeAvg60'
                    ),
                  ],
                  sortBy: [{ displayName: 'Memory pressure some (10s)', desc: true }],
                }),
              ],
            ],
          },
          {
            h: 7,
            panels: [
              [
                10,
                table({
                  title: 'Volumes',
                  description: "The pod's volumes from the kubelet's Summary API.",
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', namespace: NS, podName: POD, scope: 'volume', ...TABLE })],
                  transformations: [hideColumns(['time', 'node', 'namespace', 'pod'])],
                }),
              ],
              [
                14,
                table({
                  title: 'Events',
                  description: 'Events about this pod from the last day, newest first.',
                  timeFrom: EVENTS_WINDOW,
                  datasource: ds,
                  targets: [
                    eventsQuery({ refId: 'A', namespace: NS, involvedKind: 'Pod', involvedName: POD, ...TABLE }),
                  ],
                  transformations: [hideColumns(['namespace', 'object'])],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Logs',
        bands: [
          {
            h: 14,
            panels: [
              [
                24,
                podLogs({
                  title: 'Logs',
                  datasource: ds,
                  targets: [logsQuery({ refId: 'A', namespace: NS, podName: POD, tailLines: 1000, live: true })],
                  options: { followByDefault: true, showSourceChips: true },
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}
