import type { Dashboard } from '@grafana/schema';

import { dashboard, dashboardLink } from '../lib/dashboard';
import { CORES } from '../lib/kube';
import { gauge, overrideByRegexp, stat, timeseries } from '../lib/panels';
import { CONTAINERS, MACHINE, NAMESPACE, NODE, promTarget, rate } from '../lib/prom';
import { promDs, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable, promLabelVariable } from '../lib/variables';

const ds = promDs;

// Used / capacity of the machines: cAdvisor's root cgroup against machine_* (cAdvisor's machine info)
const MEMORY_USED = `sum(container_memory_working_set_bytes{${MACHINE}})`;
const MEMORY_TOTAL = `sum(machine_memory_bytes{${NODE}})`;
const CPU_USED = `sum(${rate('container_cpu_usage_seconds_total', MACHINE)})`;
const CPU_TOTAL = `sum(machine_cpu_cores{${NODE}})`;
const FS_USED = `sum(container_fs_usage_bytes{${MACHINE}, device=~"/dev/.+"})`;
const FS_TOTAL = `sum(container_fs_limit_bytes{${MACHINE}, device=~"/dev/.+"})`;

// PSI from cAdvisor (/metrics/cadvisor, KubeletPSI): stall seconds per second are the share of time stalled.
// `waiting` is PSI some (some task waited), `stalled` is PSI full (none could run). The root cgroup is the node.
const waiting = (res: 'cpu' | 'memory' | 'io', matchers: string) =>
  rate(`container_pressure_${res}_waiting_seconds_total`, matchers);
// the pod's own cgroup: container="" and no image (the pause sandbox has the pause image)
const POD_CGROUP = `container="", image="", pod!="", ${NAMESPACE}, ${NODE}`;

const SHARE = [
  { color: 'green', value: null },
  { color: 'orange', value: 0.65 },
  { color: 'red', value: 0.9 },
];

// Links from a pod's series to its live view and to its logs in Loki (the series labels carry the pod)
const POD_VARS = 'var-namespace=${__field.labels.namespace}&var-pod=${__field.labels.pod}&${__url_time_range}';
const POD_LINKS = [
  {
    title: 'Pod (live)',
    url: `/d/${UIDS.pod}?${POD_VARS}`,
  },
  {
    title: 'Logs (Loki)',
    url: `/d/${UIDS.lokiLogs}?${POD_VARS}`,
  },
];

const byPod = (title: string, expr: string, unit: string, description?: string) =>
  timeseries({
    title,
    description,
    datasource: ds,
    targets: [promTarget('A', expr, '{{namespace}}/{{pod}}')],
    unit,
    min: 0,
    links: POD_LINKS,
  });

const networkPanel = (title: string, matchers: string, by: string, legend: string) =>
  timeseries({
    title,
    description: 'Received above the axis, sent below it.',
    datasource: ds,
    targets: [
      promTarget('A', `sum${by}(${rate('container_network_receive_bytes_total', matchers)})`, `${legend}received`),
      promTarget('B', `sum${by}(${rate('container_network_transmit_bytes_total', matchers)})`, `${legend}sent`),
    ],
    unit: 'Bps',
    overrides: [overrideByRegexp('sent$', { 'custom.transform': 'negative-Y' })],
  });

export function prometheusClusterDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.prometheusCluster,
    title: 'Kubernetes / Cluster monitoring (Prometheus)',
    description:
      "The classic cluster-monitoring view with today's metric names: cAdvisor's container_* and machine_* and the kubelet's resource metrics, scraped through the API server.",
    tags: ['kubernetes', 'prometheus'],
    refresh: '1m',
    time: { from: 'now-1h', to: 'now' },
    links: [dashboardLink('Cluster (live)', UIDS.cluster, [], 'The same cluster read live from the API server')],
    variables: [
      dataSourceVariable('prometheus', 'Prometheus', PROVISIONED_UIDS.prometheus),
      promLabelVariable('node', ds, 'machine_cpu_cores', 'node', {
        label: 'Node',
        multi: true,
        includeAll: true,
        allValue: '.*',
      }),
      promLabelVariable('namespace', ds, `container_cpu_usage_seconds_total{container!="", ${NODE}}`, 'namespace', {
        label: 'Namespace',
        multi: true,
        includeAll: true,
        allValue: '.*',
      }),
    ],
    sections: [
      {
        title: 'Cluster',
        bands: [
          {
            h: 6,
            panels: [
              [6, networkPanel('Network I/O pressure', MACHINE, '', '')],
              [6, share('Cluster memory usage', MEMORY_USED, MEMORY_TOTAL)],
              [6, share('Cluster CPU usage', CPU_USED, CPU_TOTAL)],
              [6, share('Cluster filesystem usage', FS_USED, FS_TOTAL)],
            ],
          },
          {
            h: 3,
            panels: [
              [4, total('Used memory', MEMORY_USED, 'bytes')],
              [4, total('Total memory', MEMORY_TOTAL, 'bytes')],
              [4, total('Used CPU', CPU_USED, CORES)],
              [4, total('Total CPU', CPU_TOTAL, CORES)],
              [4, total('Used filesystem', FS_USED, 'bytes')],
              [4, total('Total filesystem', FS_TOTAL, 'bytes')],
            ],
          },
        ],
      },
      {
        title: 'Nodes',
        bands: [
          {
            h: 8,
            panels: [
              [
                12,
                timeseries({
                  title: 'Nodes CPU',
                  description: "The kubelet's resource metrics (/metrics/resource) against each machine's cores.",
                  datasource: ds,
                  targets: [
                    promTarget('A', `sum by (node) (${rate('node_cpu_usage_seconds_total', NODE)})`, '{{node}} used'),
                    promTarget('B', `sum by (node) (machine_cpu_cores{${NODE}})`, '{{node}} cores'),
                  ],
                  unit: CORES,
                  min: 0,
                  overrides: [overrideByRegexp('cores$', { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } })],
                }),
              ],
              [
                12,
                timeseries({
                  title: 'Nodes memory (working set)',
                  datasource: ds,
                  targets: [
                    promTarget('A', `sum by (node) (node_memory_working_set_bytes{${NODE}})`, '{{node}} working set'),
                    promTarget('B', `sum by (node) (machine_memory_bytes{${NODE}})`, '{{node}} memory'),
                  ],
                  unit: 'bytes',
                  min: 0,
                  overrides: [overrideByRegexp('memory$', { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } })],
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
                12,
                timeseries({
                  title: 'Which node is under memory pressure',
                  description:
                    'Share of time some task on the node waited for memory, CPU or IO (PSI some, from cAdvisor). ' +
                    'Needs kubelets with PSI (1.36, or the KubeletPSI gate) on cgroup v2.',
                  datasource: ds,
                  targets: [
                    promTarget('A', `sum by (node) (${waiting('memory', MACHINE)})`, '{{node}} memory'),
                    promTarget('B', `sum by (node) (${waiting('cpu', MACHINE)})`, '{{node}} cpu'),
                    promTarget('C', `sum by (node) (${waiting('io', MACHINE)})`, '{{node}} io'),
                  ],
                  unit: 'percentunit',
                  min: 0,
                }),
              ],
              [
                12,
                timeseries({
                  title: 'Nodes swap used',
                  description:
                    "The kubelet's node_swap_usage_bytes (/metrics/resource); 0 for a node that reports no swap.",
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (node) (node_swap_usage_bytes{${NODE}}) or sum by (node) (node_memory_working_set_bytes{${NODE}}) * 0`,
                      '{{node}}'
                    ),
                  ],
                  unit: 'bytes',
                  min: 0,
                }),
              ],
            ],
          },
          {
            h: 8,
            panels: [
              [
                12,
                byPod(
                  'Which pods swap',
                  // a /metrics/resource series: container, pod and namespace, no image label
                  `topk(10, sum by (namespace, pod) (container_swap_usage_bytes{container!="", ${NAMESPACE}, ${NODE}}))`,
                  'bytes',
                  'The 10 pods using the most swap (container_swap_usage_bytes). Only nodes with swap report it.'
                ),
              ],
              [
                12,
                byPod(
                  'Pods memory pressure',
                  `topk(10, sum by (namespace, pod) (${waiting('memory', POD_CGROUP)}))`,
                  'percentunit',
                  'The 10 pods whose tasks waited longest for memory (PSI some on the pod cgroup).'
                ),
              ],
            ],
          },
        ],
      },
      {
        title: 'Namespaces',
        bands: [
          {
            h: 8,
            panels: [
              [
                12,
                timeseries({
                  title: 'Namespaces CPU',
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (namespace) (${rate('container_cpu_usage_seconds_total', CONTAINERS)})`,
                      '{{namespace}}'
                    ),
                  ],
                  unit: CORES,
                  min: 0,
                  stack: true,
                }),
              ],
              [
                12,
                timeseries({
                  title: 'Namespaces memory (working set)',
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (namespace) (container_memory_working_set_bytes{${CONTAINERS}})`,
                      '{{namespace}}'
                    ),
                  ],
                  unit: 'bytes',
                  min: 0,
                  stack: true,
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Pods',
        bands: [
          {
            h: 8,
            panels: [
              [
                12,
                byPod(
                  'Pods CPU usage',
                  `sum by (namespace, pod) (${rate('container_cpu_usage_seconds_total', CONTAINERS)})`,
                  CORES
                ),
              ],
              [
                12,
                byPod(
                  'Pods memory usage (working set)',
                  `sum by (namespace, pod) (container_memory_working_set_bytes{${CONTAINERS}})`,
                  'bytes'
                ),
              ],
            ],
          },
          {
            h: 8,
            panels: [
              // network is counted once per pod, on the pod's own cgroup (container="")
              [
                12,
                networkPanel(
                  'Pods network I/O',
                  `pod!="", ${NAMESPACE}, ${NODE}`,
                  ' by (namespace, pod) ',
                  '{{namespace}}/{{pod}} '
                ),
              ],
              [
                12,
                byPod(
                  'Pods filesystem usage',
                  `sum by (namespace, pod) (container_fs_usage_bytes{${CONTAINERS}})`,
                  'bytes',
                  "The containers' writable layers and logs."
                ),
              ],
            ],
          },
        ],
      },
      {
        title: 'Containers',
        bands: [
          {
            h: 8,
            panels: [
              [
                12,
                timeseries({
                  title: 'Containers CPU usage',
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (namespace, pod, container) (${rate('container_cpu_usage_seconds_total', CONTAINERS)})`,
                      '{{pod}}/{{container}}'
                    ),
                  ],
                  unit: CORES,
                  min: 0,
                  links: POD_LINKS,
                }),
              ],
              [
                12,
                timeseries({
                  title: 'Containers memory usage (working set)',
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (namespace, pod, container) (container_memory_working_set_bytes{${CONTAINERS}})`,
                      '{{pod}}/{{container}}'
                    ),
                  ],
                  unit: 'bytes',
                  min: 0,
                  links: POD_LINKS,
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'System services',
        bands: [
          {
            h: 7,
            panels: [
              [
                12,
                timeseries({
                  title: 'System services CPU usage',
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (id) (${rate('container_cpu_usage_seconds_total', `id=~"/system.slice/.+", ${NODE}`)})`,
                      '{{id}}'
                    ),
                  ],
                  unit: CORES,
                  min: 0,
                }),
              ],
              [
                12,
                timeseries({
                  title: 'System services memory usage (working set)',
                  datasource: ds,
                  targets: [
                    promTarget(
                      'A',
                      `sum by (id) (container_memory_working_set_bytes{id=~"/system.slice/.+", ${NODE}})`,
                      '{{id}}'
                    ),
                  ],
                  unit: 'bytes',
                  min: 0,
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}

function share(title: string, used: string, total: string) {
  return gauge({
    title,
    datasource: ds,
    targets: [promTarget('A', `${used} / ${total}`, title)],
    unit: 'percentunit',
    min: 0,
    max: 1,
    thresholds: SHARE,
  });
}

function total(title: string, expr: string, unit: string) {
  return stat({ title, datasource: ds, targets: [promTarget('A', expr, title, true)], unit });
}
