import type { Dashboard } from '@grafana/schema';

import { dashboard, dashboardLink } from '../lib/dashboard';
import { lokiTarget } from '../lib/loki';
import { podLogs, timeseries } from '../lib/panels';
import { lokiDs, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable, lokiLabelVariable, textVariable } from '../lib/variables';

const ds = lokiDs;

/**
 * The streams of the chosen pods. "All" is `.+`, not `.*`: Loki refuses a selector whose every matcher
 * also matches an empty label.
 */
export const STREAM = '{namespace=~"$namespace", pod=~"$pod", container=~"$container"}';
/** A raw string, so the filter text needs no escaping; empty keeps every line. */
export const LINE_FILTER = '|= `$filter`';

const choice = (label: string) => ({ label, multi: true, includeAll: true, allValue: '.+' });

export function lokiLogsDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.lokiLogs,
    title: 'Kubernetes / Logs (Loki)',
    description:
      'Pod logs kept in Loki (shipped by Grafana Alloy with namespace, pod and container labels), read in the Kubeglance pod-logs panel.',
    tags: ['kubernetes', 'loki', 'logs'],
    time: { from: 'now-1h', to: 'now' },
    links: [dashboardLink('Logs (live)', UIDS.logs, ['namespace', 'pod'], 'The same pods read live from the kubelets')],
    variables: [
      dataSourceVariable('loki', 'Loki', PROVISIONED_UIDS.loki),
      lokiLabelVariable('namespace', ds, 'namespace', '{namespace=~".+"}', choice('Namespace')),
      lokiLabelVariable('pod', ds, 'pod', '{namespace=~"$namespace"}', choice('Pod')),
      lokiLabelVariable('container', ds, 'container', '{namespace=~"$namespace", pod=~"$pod"}', choice('Container')),
      textVariable('filter', 'Line contains', 'Keep only lines containing this text (case-sensitive); empty for all'),
    ],
    sections: [
      {
        bands: [
          {
            h: 6,
            panels: [
              [
                24,
                timeseries({
                  title: 'Log lines per pod',
                  datasource: ds,
                  targets: [
                    lokiTarget(
                      'A',
                      `sum by (namespace, pod) (count_over_time(${STREAM} ${LINE_FILTER} [$__auto]))`,
                      '{{namespace}}/{{pod}}'
                    ),
                  ],
                  unit: 'short',
                  min: 0,
                  stack: true,
                  fill: 80,
                }),
              ],
            ],
          },
          {
            h: 20,
            panels: [
              [
                24,
                podLogs({
                  title: 'Logs',
                  datasource: ds,
                  targets: [lokiTarget('A', `${STREAM} ${LINE_FILTER}`)],
                  options: { followByDefault: false, defaultSearch: '$filter' },
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}
