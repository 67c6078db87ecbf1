import type { Dashboard } from '@grafana/schema';

import { dashboard, dashboardLink } from '../lib/dashboard';
import { filterByValue, limit, onlyFields, onlyMetrics, sortByField } from '../lib/filters';
import { CORES, LIVE, rowLinks, summaryQuery, TABLE } from '../lib/kube';
import { barGauge, hideColumns, linkOverride, overrideByRegexp, stat, table, timeseries } from '../lib/panels';
import { kubeDs, KUBE_DS_TYPE, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable, kubeVariable } from '../lib/variables';

const ds = kubeDs;
const NODE = '$node';

const nodeStats = (refId = 'A') => summaryQuery({ refId, nodeName: NODE, scope: 'node', ...TABLE });
/** PSI some, the share of time some task waited (KubeletPSI, 1.36 GA): the early sign of a node short of a resource. */
const PRESSURE_SOME = [
  'memoryPsiSomeAvg10',
  'memoryPsiSomeAvg60',
  'cpuPsiSomeAvg10',
  'cpuPsiSomeAvg60',
  'ioPsiSomeAvg10',
  'ioPsiSomeAvg60',
];
const nodeSeries = (refId = 'A') => summaryQuery({ refId, nodeName: NODE, scope: 'node', ...LIVE });

export function nodeDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.node,
    title: 'Kubernetes / Node (live)',
    description:
      "One node from its kubelet's Summary API: CPU, memory, network, filesystems, pressure, swap, pods and volumes.",
    tags: ['kubernetes', 'live', 'node'],
    refresh: '30s',
    links: [dashboardLink('Cluster', UIDS.cluster, ['ds'], 'The whole cluster')],
    variables: [
      dataSourceVariable(KUBE_DS_TYPE, 'Cluster', PROVISIONED_UIDS.kubeglance),
      kubeVariable('node', ds, { kind: 'nodes' }, { label: 'Node' }),
    ],
    sections: [
      {
        bands: [
          {
            h: 4,
            panels: [
              [
                14,
                stat({
                  title: 'Now',
                  datasource: ds,
                  targets: [nodeStats()],
                  transformations: [onlyFields('cpu', 'memoryWorkingSet', 'memoryAvailable', 'processes', 'swapUsage')],
                }),
              ],
              [
                10,
                barGauge({
                  title: 'Filesystems used',
                  description:
                    "The node's root filesystem, and the container runtime's image and container filesystems.",
                  datasource: ds,
                  targets: [nodeStats()],
                  transformations: [onlyFields('fsUsedPercent', 'imageFsUsedPercent', 'containerFsUsedPercent')],
                  unit: 'percentunit',
                  min: 0,
                  max: 1,
                  thresholds: [
                    { color: 'green', value: null },
                    { color: 'orange', value: 0.8 },
                    { color: 'red', value: 0.9 },
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
                  title: 'CPU',
                  datasource: ds,
                  targets: [nodeSeries()],
                  transformations: [onlyMetrics('cpu')],
                  unit: CORES,
                  min: 0,
                  legend: 'list',
                }),
              ],
              [
                8,
                timeseries({
                  title: 'Memory',
                  description:
                    'Working set (what the kubelet evicts on), RSS and usage (with page cache), and what is still available.',
                  datasource: ds,
                  targets: [nodeSeries()],
                  transformations: [onlyMetrics('memoryWorkingSet', 'memoryRss', 'memoryUsage', 'memoryAvailable')],
                  unit: 'bytes',
                  min: 0,
                  legend: 'list',
                }),
              ],
              [
                8,
                timeseries({
                  title: 'Network',
                  description: 'Received above the axis, sent below it, per second.',
                  datasource: ds,
                  targets: [nodeSeries()],
                  transformations: [onlyMetrics('rxBytes', 'txBytes')],
                  unit: 'Bps',
                  legend: 'list',
                  overrides: [overrideByRegexp('^.* txBytes$', { 'custom.transform': 'negative-Y' })],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Pressure and swap',
        bands: [
          {
            h: 8,
            panels: [
              [
                10,
                timeseries({
                  title: 'Pressure on this node',
                  description:
                    'Share of time some task waited for memory, CPU or IO over the last 10 s and 1 min (PSI some). ' +
                    'Empty on kubelets without PSI (before 1.36 without the KubeletPSI gate, or cgroup v1).',
                  datasource: ds,
                  targets: [nodeSeries()],
                  transformations: [onlyMetrics(...PRESSURE_SOME)],
                  unit: 'percent',
                  min: 0,
                  legend: 'list',
                }),
              ],
              [
                14,
                table({
                  title: 'Which node is under memory pressure',
                  description:
                    'Every node by its memory pressure (PSI some, % of time), with CPU and IO pressure and the swap ' +
                    'in use where a node has swap. Click a node for its view.',
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', scope: 'node', ...TABLE })],
                  transformations: [onlyFields('node', ...PRESSURE_SOME, 'swapUsage')],
                  overrides: [linkOverride('node', 'Node details', rowLinks.node(UIDS.node))],
                  sortBy: [{ displayName: 'Memory pressure some (10s)', desc: true }],
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
                  title: 'Which pods swap',
                  description:
                    'The 10 pods using the most swap on any node, with their memory pressure. Only nodes with swap ' +
                    '(NodeSwap, LimitedSwap) report it, and only Burstable pods may swap. Click a pod for its view.',
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', scope: 'pod', ...TABLE })],
                  transformations: [
                    onlyFields('node', 'namespace', 'pod', 'swapUsage', 'memoryPsiSomeAvg10', 'memoryPsiSomeAvg60'),
                    filterByValue('Swap used', 0),
                    sortByField('Swap used'),
                    limit(10),
                  ],
                  overrides: [linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod))],
                  sortBy: [{ displayName: 'Swap used', desc: true }],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Pods on this node',
        bands: [
          {
            h: 8,
            panels: [
              [
                12,
                timeseries({
                  title: 'Pods CPU',
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', nodeName: NODE, scope: 'pod', ...LIVE })],
                  transformations: [onlyMetrics('cpu')],
                  unit: CORES,
                  min: 0,
                  stack: true,
                }),
              ],
              [
                12,
                timeseries({
                  title: 'Pods memory (working set)',
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', nodeName: NODE, scope: 'pod', ...LIVE })],
                  transformations: [onlyMetrics('memoryWorkingSet')],
                  unit: 'bytes',
                  min: 0,
                  stack: true,
                }),
              ],
            ],
          },
          {
            h: 9,
            panels: [
              [
                24,
                table({
                  title: 'Pods',
                  description: 'Every pod the kubelet reports. Click a pod for its view.',
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', nodeName: NODE, scope: 'pod', ...TABLE })],
                  transformations: [hideColumns(['time', 'node', 'startTime', 'ephemeralInodesUsed', 'swapUsage'])],
                  overrides: [linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod))],
                  sortBy: [{ displayName: 'CPU', desc: true }],
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
                  title: 'Volumes',
                  description: "Volume usage of the node's pods (emptyDir, PVCs, projected...).",
                  datasource: ds,
                  targets: [summaryQuery({ refId: 'A', nodeName: NODE, scope: 'volume', ...TABLE })],
                  transformations: [hideColumns(['time', 'node'])],
                  overrides: [linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod))],
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}
