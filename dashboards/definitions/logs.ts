import type { Dashboard } from '@grafana/schema';

import { dashboard, dashboardLink } from '../lib/dashboard';
import { logsQuery } from '../lib/kube';
import { podLogs } from '../lib/panels';
import { kubeDs, KUBE_DS_TYPE, PROVISIONED_UIDS, UIDS } from '../lib/refs';
import { dataSourceVariable, kubeVariable, textVariable } from '../lib/variables';

const ds = kubeDs;

export function logsDashboard(): Dashboard {
  return dashboard({
    uid: UIDS.logs,
    title: 'Kubernetes / Logs (live)',
    description: 'Pod logs straight from the kubelets through the API server, merged in time order and followed live.',
    tags: ['kubernetes', 'live', 'logs'],
    links: [dashboardLink('Pod', UIDS.pod, ['ds', 'namespace', 'pod'], 'The pod: usage, restarts, volumes, events')],
    variables: [
      dataSourceVariable(KUBE_DS_TYPE, 'Cluster', PROVISIONED_UIDS.kubeglance),
      kubeVariable('namespace', ds, { kind: 'namespaces' }, { label: 'Namespace' }),
      textVariable(
        'selector',
        'Workload selector',
        'A label selector for the pods, e.g. app=frontend or app in (web,api); empty for every pod'
      ),
      kubeVariable(
        'pod',
        ds,
        { kind: 'pods', namespace: '$namespace', labelSelector: '$selector' },
        { label: 'Pod', multi: true, includeAll: true }
      ),
      kubeVariable(
        'container',
        ds,
        { kind: 'containers', namespace: '$namespace', pod: '$pod' },
        { label: 'Container', multi: true, includeAll: true }
      ),
    ],
    sections: [
      {
        bands: [
          {
            h: 24,
            panels: [
              [
                24,
                podLogs({
                  title: 'Logs',
                  description: 'Search, level chips and pod/container chips are in the panel toolbar.',
                  datasource: ds,
                  targets: [
                    logsQuery({
                      refId: 'A',
                      namespace: '$namespace',
                      podName: '$pod',
                      labelSelector: '$selector',
                      container: '$container',
                      tailLines: 5000,
                      live: true,
                    }),
                  ],
                  options: { followByDefault: true, showLevelFilter: true, showSourceChips: true },
                }),
              ],
            ],
          },
        ],
      },
    ],
  });
}
