import type { Dashboard, DataTransformerConfig } from '@grafana/schema';

import { dashboard, dashboardLink } from '../lib/dashboard';
import { onlyFields } from '../lib/filters';
import { nodesQuery, podsQuery, rowLinks, TABLE } from '../lib/kube';
import { hideColumns, linkOverride, overrideByName, type PanelSpec, stat, table } from '../lib/panels';
import { kubeDs, KUBE_DS_TYPE, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable } from '../lib/variables';
import type {
  KubeQuery,
  OutliersQuery,
  RightSizingQuery,
  RisksQuery,
  TimelineQuery,
  TimeToFullQuery,
} from '../../src/datasource/types';

const ds = kubeDs;

type Query<Q extends KubeQuery> = Omit<Q, 'queryType'>;
const risksQuery = (q: Query<RisksQuery>): RisksQuery => ({ queryType: 'risks', ...q });
const timelineQuery = (q: Query<TimelineQuery>): TimelineQuery => ({ queryType: 'timeline', ...q });
const outliersQuery = (q: Query<OutliersQuery>): OutliersQuery => ({ queryType: 'outliers', ...q });
const rightsizingQuery = (q: Query<RightSizingQuery>): RightSizingQuery => ({ queryType: 'rightsizing', ...q });
const timeToFullQuery = (q: Query<TimeToFullQuery>): TimeToFullQuery => ({ queryType: 'timeToFull', ...q });

/** Keep the risks rows whose field (by display name) matches a regular expression. */
function rowsMatching(displayName: string, pattern: string): DataTransformerConfig {
  return {
    id: 'filterByValue',
    options: {
      type: 'include',
      match: 'any',
      filters: [{ fieldName: displayName, config: { id: 'regex', options: { value: pattern } } }],
    },
  };
}

/** Severity as a coloured cell: red, orange, blue. */
const SEVERITY_COLOURS = overrideByName('severity', {
  mappings: [
    {
      type: 'value',
      options: {
        critical: { color: 'red', index: 0, text: 'critical' },
        warning: { color: 'orange', index: 1, text: 'warning' },
        info: { color: 'blue', index: 2, text: 'info' },
      },
    },
  ],
  'custom.cellOptions': { type: 'color-background', mode: 'basic' },
  'custom.width': 90,
});

/** Pod rows open the pod (with its events) and its logs; node cells open the node. */
const RISK_LINKS = [
  overrideByName('pod', {
    links: [
      { title: 'Pod details and events', url: rowLinks.pod(UIDS.pod) },
      { title: 'Logs', url: rowLinks.logs(UIDS.logs) },
    ],
  }),
  linkOverride('node', 'Node details', rowLinks.node(UIDS.node)),
];

/** A risks table: the finding's own columns, coloured by severity, linked. */
function risksTable(title: string, description: string, rows?: DataTransformerConfig, hide: string[] = []): PanelSpec {
  return table({
    title,
    description,
    datasource: ds,
    targets: [risksQuery({ refId: 'A', ...TABLE })],
    transformations: [...(rows ? [rows] : []), hideColumns(['check', ...hide])],
    overrides: [
      SEVERITY_COLOURS,
      // a hidden column keeps no override: it names a field the table no longer has
      ...RISK_LINKS.filter((o) => !hide.includes(o.matcher.options as string)),
      overrideByName('reason', { 'custom.width': 640 }),
    ],
  });
}

/** Grafana's state timeline for the timeline query's lanes (one per pod, container or node). */
function stateTimeline(c: { title: string; description: string; targets: KubeQuery[] }): PanelSpec {
  return {
    type: 'state-timeline',
    title: c.title,
    description: c.description,
    datasource: ds,
    targets: c.targets as unknown as PanelSpec['targets'],
    fieldConfig: {
      defaults: {
        color: { mode: 'thresholds' },
        thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] },
        custom: { fillOpacity: 80, lineWidth: 0, spanNulls: false },
      },
      overrides: [],
    },
    options: {
      showValue: 'auto',
      mergeValues: true,
      alignValue: 'left',
      rowHeight: 0.9,
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
      tooltip: { mode: 'single', sort: 'none' },
    },
  } as PanelSpec;
}

export function triageDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.triage,
    title: 'Kubernetes / Triage (live)',
    description:
      'What is wrong now and why, worst first; then nodes, restarts and OOM kills, rollouts, outliers, right-sizing, volumes filling up and pressure.',
    tags: ['kubernetes', 'live', 'triage'],
    refresh: '1m',
    time: { from: 'now-1h', to: 'now' },
    links: [dashboardLink('Cluster', UIDS.cluster, ['ds'], 'The whole cluster')],
    variables: [dataSourceVariable(KUBE_DS_TYPE, 'Cluster', PROVISIONED_UIDS.kubeglance)],
    sections: [
      {
        bands: [
          {
            h: 4,
            panels: [
              [
                24,
                stat({
                  title: 'Findings by severity',
                  description: 'How many findings of each severity the risks query has now.',
                  datasource: ds,
                  targets: [risksQuery({ refId: 'A', ...TABLE })],
                  transformations: [
                    {
                      id: 'groupBy',
                      options: {
                        fields: {
                          Severity: { operation: 'groupby', aggregations: [] },
                          Object: { operation: 'aggregate', aggregations: ['count'] },
                        },
                      },
                    },
                  ],
                  perRow: true,
                  decimals: 0,
                }),
              ],
            ],
          },
          {
            h: 12,
            panels: [
              [
                24,
                risksTable(
                  'Risks',
                  'Every finding, worst first: crash loops, waiting containers, Pending pods, stuck rollouts, failed Jobs, HPAs at max, node trouble, Pending PVCs. The Pod and Node cells link to their dashboards and logs.'
                ),
              ],
            ],
          },
        ],
      },
      {
        title: 'Nodes',
        bands: [
          {
            h: 7,
            panels: [
              [
                14,
                risksTable(
                  'Nodes not ready or under pressure, and why',
                  'The node findings of the risks query: NotReady, unreachable, memory, disk or PID pressure, cordoned.',
                  rowsMatching('Kind', '^Node$'),
                  ['namespace', 'pod', 'container']
                ),
              ],
              [
                10,
                table({
                  title: 'Pressure (PSI)',
                  description:
                    "Share of time tasks waited for CPU or memory over the last 10 s, from each node's kubelet (needs kubelet access and PSI, 1.34+).",
                  datasource: ds,
                  targets: [nodesQuery({ refId: 'A', pressure: true, ...TABLE })],
                  transformations: [
                    onlyFields('node', 'status', 'cpuPressure', 'memoryPressure', 'memoryPressureFull'),
                  ],
                  overrides: [linkOverride('node', 'Node details', rowLinks.node(UIDS.node))],
                  sortBy: [{ displayName: 'Memory pressure (10s)', desc: true }],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Restarts and OOM kills',
        bands: [
          {
            h: 8,
            panels: [
              [
                14,
                risksTable(
                  'Crash loops, OOM kills and restarts',
                  'Containers crash-looping now, and containers restarted in the last day, with the last exit and what to do.',
                  rowsMatching('Check', '^(KubePodCrashLooping|ContainerOOMKilled|ContainerRestarted)$'),
                  ['kind']
                ),
              ],
              [
                10,
                table({
                  title: 'Most restarts',
                  description: 'The pods whose containers restarted most.',
                  datasource: ds,
                  targets: [podsQuery({ refId: 'A', groupBy: 'pod', sortBy: 'restarts', topN: 10, ...TABLE })],
                  transformations: [onlyFields('namespace', 'pod', 'status', 'restarts', 'node')],
                  overrides: [
                    linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod)),
                    linkOverride('restarts', 'Logs', rowLinks.logs(UIDS.logs)),
                    linkOverride('node', 'Node details', rowLinks.node(UIDS.node)),
                  ],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Rollouts',
        bands: [
          {
            h: 8,
            panels: [
              [
                10,
                risksTable(
                  'Workloads short or stuck',
                  'Deployments, StatefulSets and DaemonSets short of replicas or with a rollout stuck, failed Jobs, HPAs at their maximum.',
                  rowsMatching('Kind', '^(Deployment|StatefulSet|DaemonSet|Job|HorizontalPodAutoscaler)$'),
                  ['container', 'node']
                ),
              ],
              [
                14,
                stateTimeline({
                  title: 'Pods over time',
                  description:
                    'The states of every pod over the time range, with restarts, rollouts and evictions marked.',
                  targets: [timelineQuery({ refId: 'A', subject: 'namespace', ...TABLE })],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Outliers and right-sizing',
        bands: [
          {
            h: 8,
            panels: [
              [
                12,
                table({
                  title: 'Outlier pods',
                  description: "Pods that use CPU or memory, or restart, unlike their workload's siblings, with why.",
                  datasource: ds,
                  targets: [outliersQuery({ refId: 'A', ...TABLE })],
                  overrides: [
                    overrideByName('pod', {
                      links: [
                        { title: 'Pod details and events', url: rowLinks.pod(UIDS.pod) },
                        { title: 'Logs', url: rowLinks.logs(UIDS.logs) },
                      ],
                    }),
                  ],
                }),
              ],
              [
                12,
                table({
                  title: 'Right-sizing',
                  description: 'Container usage (p50, p95, max) against requests and limits, with suggested values.',
                  datasource: ds,
                  targets: [rightsizingQuery({ refId: 'A', groupBy: 'container', ...TABLE })],
                  overrides: [linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod))],
                }),
              ],
            ],
          },
        ],
      },
      {
        title: 'Volumes filling up',
        bands: [
          {
            h: 8,
            panels: [
              [
                24,
                table({
                  title: 'Soonest to fill',
                  description:
                    'Node and image filesystems, PVCs, ephemeral storage and memory by how soon they fill at the current rate (needs kubelet access).',
                  datasource: ds,
                  targets: [timeToFullQuery({ refId: 'A', ...TABLE })],
                  overrides: [
                    linkOverride('node', 'Node details', rowLinks.node(UIDS.node)),
                    linkOverride('pod', 'Pod details', rowLinks.pod(UIDS.pod)),
                  ],
                  sortBy: [{ displayName: 'Time to full', desc: false }],
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}
