/** @jest-environment node */
import { metricsResourceScrapeErrorText, metricsResourceText } from './index';
import { parsePromText } from './promtextCheck';
import { T0, nodeNamed, podNamed, testCluster } from '../cluster/testCluster';

const cluster = testCluster();
const nodeA = nodeNamed(cluster, 'node-a');
const text = metricsResourceText(cluster, nodeA, T0);
const families = parsePromText(text);
const fam = (name: string) => families.find((f) => f.name === name)!;

describe('/metrics/resource', () => {
  it('has the current kubelet families, sorted by name, with stability-prefixed HELP', () => {
    expect(families.map((f) => f.name)).toEqual([
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
      'container_start_time_seconds',
      'node_cpu_usage_seconds_total',
      'node_memory_working_set_bytes',
      'pod_cpu_usage_seconds_total',
      'pod_memory_working_set_bytes',
      'resource_scrape_error',
    ]);
    expect(fam('container_cpu_usage_seconds_total').help).toBe(
      '[STABLE] Cumulative cpu time consumed by the container in core-seconds'
    );
    expect(fam('node_memory_working_set_bytes').help).toBe('[STABLE] Current working set of the node in bytes');
    expect(fam('resource_scrape_error').help).toBe(
      '[STABLE] 1 if there was an error while getting container metrics, 0 otherwise'
    );
    expect(families.map((f) => f.type)).toEqual([
      'counter',
      'gauge',
      'gauge',
      'counter',
      'gauge',
      'counter',
      'gauge',
      'gauge',
    ]);
    expect(text.endsWith('resource_scrape_error 0\n')).toBe(true);
  });

  it('writes labels in the order container, namespace, pod', () => {
    const lines = text.split('\n').filter((l) => l.startsWith('container_'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).toMatch(/^container_[a-z_]+\{container="[^"]+",namespace="[^"]+",pod="[^"]+"\} /);
    }
    for (const l of text.split('\n').filter((x) => x.startsWith('pod_'))) {
      expect(l).toMatch(/^pod_[a-z_]+\{namespace="[^"]+",pod="[^"]+"\} /);
    }
  });

  it('sorts samples by label values', () => {
    const keys = fam('container_memory_working_set_bytes').samples.map((s) =>
      [s.labels.container, s.labels.namespace, s.labels.pod].join('\u0000')
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('stamps samples with millisecond timestamps at or before now, except container_start_time_seconds', () => {
    for (const f of families) {
      for (const s of f.samples) {
        if (f.name === 'container_start_time_seconds' || f.name === 'resource_scrape_error') {
          expect(s.tsMs).toBeUndefined();
        } else {
          expect(s.tsMs).toBeLessThanOrEqual(T0);
          expect(s.tsMs).toBeGreaterThan(T0 - 10_000);
        }
      }
    }
    expect(text).toMatch(/^node_cpu_usage_seconds_total \S+ \d{13}$/m);
  });

  it('covers the running containers of the node and their start times', () => {
    const starts = fam('container_start_time_seconds').samples;
    expect(starts.map((s) => `${s.labels.pod}/${s.labels.container}`).sort()).toEqual([
      'api-5f6c8/api',
      'reloader-1/reloader',
      'single/main',
      'ui-1/ui',
      'web-0/app',
      'web-0/sidecar',
    ]);
    const app = starts.find((s) => s.labels.container === 'app')!;
    expect(app.value).toBe(podNamed(cluster, 'web-0').containers[0].startedAtMs / 1000);
  });

  it('prints large values in Go exponent form', () => {
    expect(text).toMatch(/^node_memory_working_set_bytes \d\.\d+e\+09 \d+$/m);
  });

  it('has a scrape-error body for fault injection', () => {
    const f = parsePromText(metricsResourceScrapeErrorText());
    expect(f).toHaveLength(1);
    expect(f[0].samples[0]).toEqual({ name: 'resource_scrape_error', labels: {}, value: 1 });
  });

  it('is empty of pods on a node without any', () => {
    const lonely = { ...nodeA, name: 'node-empty', uid: 'node-uid-empty' };
    const names = parsePromText(metricsResourceText(cluster, lonely, T0)).map((f) => f.name);
    expect(names).toEqual(['node_cpu_usage_seconds_total', 'node_memory_working_set_bytes', 'resource_scrape_error']);
  });
});
