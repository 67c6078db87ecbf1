/**
 * autoscaling/v2 HorizontalPodAutoscalers as JSON (Go's field order) and their Table (printers.go's
 * printHorizontalPodAutoscaler and formatHPAMetrics: "cpu: 135%/70%").
 */
import type { SimCluster, SimHpa } from '../cluster/model';
import { clusterIndex } from '../cluster/clusterIndex';
import { rfc3339 } from '../cluster/clock';
import { age } from '../cluster/humanDuration';
import { cpuQuantity } from '../cluster/quantity';
import { type Json, meta } from './objects';
import type { Column, Printer } from './tablePrinters';

/** the average request of the target's pods for the HPA's resource (cores or bytes), 0 without one */
function averageRequest(c: SimCluster, h: SimHpa): number {
  const idx = clusterIndex(c);
  const dep = c.workloads.find(
    (w) => w.kind === h.target.kind && w.namespace === h.namespace && w.name === h.target.name
  );
  if (!dep) {
    return 0;
  }
  const pods = (idx.workloadsByOwner.get(dep.uid) ?? []).flatMap((rs) => idx.podsByOwner.get(rs.uid) ?? []);
  const sums = pods.map((p) => p.containers.reduce((s, ct) => s + (ct.requests[h.metric.resource] ?? 0), 0));
  return sums.length ? sums.reduce((a, b) => a + b, 0) / sums.length : 0;
}

function condition(type: string, ok: boolean, atMs: number, reason: string, message: string): Json {
  return { type, status: ok ? 'True' : 'False', lastTransitionTime: rfc3339(atMs), reason, message };
}

export function hpaJson(c: SimCluster, h: SimHpa): Json {
  const metricName = h.metric.resource;
  const request = averageRequest(c, h);
  const averageValue = request * (h.currentUtilization / 100);
  const since = h.creationMs + 30_000;
  const limited = h.limitedSinceMs !== undefined;
  return {
    metadata: meta(c, h),
    spec: {
      scaleTargetRef: { kind: h.target.kind, name: h.target.name, apiVersion: h.target.apiVersion },
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: metricName,
            target: { type: 'Utilization', averageUtilization: h.metric.targetUtilization },
          },
        },
      ],
      // the defaults the API server fills in (SetDefaults_HorizontalPodAutoscalerBehavior)
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    },
    status: {
      ...(h.lastScaleMs !== undefined ? { lastScaleTime: rfc3339(h.lastScaleMs) } : {}),
      currentReplicas: h.currentReplicas,
      desiredReplicas: h.desiredReplicas,
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: metricName,
            current: {
              averageValue: metricName === 'cpu' ? cpuQuantity(averageValue) : String(Math.round(averageValue)),
              averageUtilization: h.currentUtilization,
            },
          },
        },
      ],
      // the messages of pkg/controller/podautoscaler/horizontal.go
      conditions: [
        condition('AbleToScale', true, since, 'ReadyForNewScale', 'recommended size matches current size'),
        condition(
          'ScalingActive',
          true,
          since,
          'ValidMetricFound',
          `the HPA was able to successfully calculate a replica count from ${metricName} resource utilization (percentage of request)`
        ),
        limited
          ? condition(
              'ScalingLimited',
              true,
              h.limitedSinceMs as number,
              'TooManyReplicas',
              'the desired replica count is more than the maximum replica count'
            )
          : condition(
              'ScalingLimited',
              false,
              since,
              'DesiredWithinRange',
              'the desired count is within the acceptable range'
            ),
      ],
    },
  };
}

const col = (name: string, type: Column['type'], description: string, format = ''): Column => ({
  name,
  type,
  format,
  description,
  priority: 0,
});

type Obj = Record<string, any>;

/** formatHPAMetrics for Resource metrics: "<name>: <current>/<target>", at most two then "+ N more..." */
function targets(o: Obj): string {
  const specs = (o.spec?.metrics ?? []) as Obj[];
  if (specs.length === 0) {
    return '<none>';
  }
  const statuses = (o.status?.currentMetrics ?? []) as Obj[];
  const list = specs.map((s, i) => {
    if (s.type !== 'Resource') {
      return '<unknown type>';
    }
    const target = s.resource.target;
    const current = statuses[i]?.resource?.current;
    if (target.averageValue !== undefined) {
      return `${s.resource.name}: ${current?.averageValue ?? '<unknown>'}/${target.averageValue}`;
    }
    const cur = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
    const tgt = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
    return `${s.resource.name}: ${cur}/${tgt}`;
  });
  return list.length > 2 ? `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...` : list.join(', ');
}

export const hpaPrinter: Printer = {
  columns: [
    col(
      'Name',
      'string',
      'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      'name'
    ),
    col('Reference', 'string', 'scaleTargetRef points to the target resource to scale.'),
    col(
      'Targets',
      'string',
      'metrics contains the specifications for which to use to calculate the desired replica count.'
    ),
    col(
      'MinPods',
      'string',
      'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.'
    ),
    col(
      'MaxPods',
      'integer',
      'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'
    ),
    col('Replicas', 'integer', 'currentReplicas is current number of replicas of pods managed by this autoscaler.'),
    col(
      'Age',
      'string',
      'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata'
    ),
  ],
  cells(o: Obj, nowMs: number) {
    const ref = o.spec?.scaleTargetRef ?? {};
    return [
      o.metadata?.name ?? '',
      `${ref.kind ?? ''}/${ref.name ?? ''}`,
      targets(o),
      typeof o.spec?.minReplicas === 'number' ? String(o.spec.minReplicas) : '<unset>',
      o.spec?.maxReplicas ?? 0,
      o.status?.currentReplicas ?? 0,
      age(o.metadata?.creationTimestamp, nowMs),
    ];
  },
};
