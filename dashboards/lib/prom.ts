/** Prometheus targets for the cluster-monitoring dashboard. */

export interface PromTarget extends Record<string, unknown> {
  refId: string;
  expr: string;
  legendFormat: string;
  range: boolean;
  instant: boolean;
  editorMode: 'code';
}

export const promTarget = (refId: string, expr: string, legendFormat = '__auto', instant = false): PromTarget => ({
  refId,
  expr,
  legendFormat,
  range: !instant,
  instant,
  editorMode: 'code',
});

/** The node and namespace variables as label matchers. */
export const NODE = 'node=~"$node"';
export const NAMESPACE = 'namespace=~"$namespace"';

/**
 * cAdvisor series of real containers: `container!=""` drops the pod-level and root cgroups, `image!=""`
 * drops the pause container and cgroups without an image.
 */
export const CONTAINERS = `container!="", image!="", ${NAMESPACE}, ${NODE}`;

/** The root cgroup (`id="/"`) is the whole machine in cAdvisor. */
export const MACHINE = `id="/", ${NODE}`;

export const rate = (metric: string, matchers: string) => `rate(${metric}{${matchers}}[$__rate_interval])`;
