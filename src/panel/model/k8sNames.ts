/**
 * Where each kind of logs frame keeps a line's Kubernetes identity. Names are tried in order, as label keys
 * (Loki's `labels` field, ours), as flat field names (Elasticsearch documents flattened by Grafana) and as
 * paths into an object field (an Elasticsearch `_source`).
 */
export const NAMESPACE_KEYS = [
  'namespace',
  'k8s_namespace_name', // OpenTelemetry resource attribute, as a Loki label
  'k8s.namespace.name',
  'kubernetes_namespace_name', // fluent-bit / promtail style Loki labels
  'kubernetes.namespace_name', // fluent-bit to Elasticsearch
  'kubernetes.namespace', // filebeat
  'kubernetes_namespace',
  'namespace_name',
] as const;

export const POD_KEYS = [
  'pod',
  'k8s_pod_name',
  'k8s.pod.name',
  'kubernetes_pod_name',
  'kubernetes.pod_name',
  'kubernetes.pod.name',
  'kubernetes_pod',
  'pod_name',
] as const;

export const CONTAINER_KEYS = [
  'container',
  'k8s_container_name',
  'k8s.container.name',
  'kubernetes_container_name',
  'kubernetes.container_name',
  'kubernetes.container.name',
  'container_name',
] as const;

export const NODE_KEYS = [
  'node',
  'k8s_node_name',
  'k8s.node.name',
  'kubernetes_host',
  'kubernetes.host',
  'kubernetes.node.name',
  'node_name',
  'nodename',
] as const;

/** Keys that carry a line's severity when the frame has no `severity` field. */
export const LEVEL_KEYS = [
  'severity',
  'level',
  'detected_level',
  'log.level',
  'log_level',
  'loglevel',
  'lvl',
  'severity_text',
] as const;

/** Time fields by name, most specific first. */
export const TIME_NAMES = ['timestamp', 'Time', '@timestamp', 'time', 'ts', '_time', 'Timestamp'] as const;

/** Line text by name: Loki's legacy `Line`, data-plane `body`, Elasticsearch's `message` or `log`. */
export const BODY_NAMES = ['body', 'Line', 'line', 'message', 'log', 'msg', '_msg', 'Message', 'content'] as const;

/** Values along a dotted path: `a.b.c` as a key of its own, or nested objects. */
export function lookupPath(obj: unknown, path: string): unknown {
  if (obj === null || typeof obj !== 'object') {
    return undefined;
  }
  const record = obj as Record<string, unknown>;
  if (path in record) {
    return record[path];
  }
  const dot = path.indexOf('.');
  if (dot === -1) {
    return undefined;
  }
  // try every split point, so `kubernetes.pod.name` finds {kubernetes: {pod: {name}}} and {kubernetes: {'pod.name'}}
  for (let i = dot; i !== -1; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (head in record) {
      const found = lookupPath(record[head], path.slice(i + 1));
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}

export function firstString(obj: unknown, keys: readonly string[]): string {
  for (const key of keys) {
    const value = lookupPath(obj, key);
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return '';
}
