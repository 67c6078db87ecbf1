/** @jest-environment node */
import fs from 'fs';
import path from 'path';

import { parseMatchers } from './matchers';
import { parsePrometheusTextStrict } from './promtext';
import { kubeletFrame, kubeletSamples, selectSeries } from './kubeletFrame';
import { metricDescription } from './knownMetrics';

const read = (name: string) =>
  parsePrometheusTextStrict(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));
const RESOURCE = read('resource_swap.txt');
const CADVISOR = read('cadvisor_pressure.txt');

const select = (families: typeof RESOURCE, metric: string, matchers = '') =>
  selectSeries(families, metric, parseMatchers(matchers), 'worker-swap-1').series;

describe('/metrics/resource swap series as a kubelet writes them', () => {
  it('reads the four swap families as gauges, their HELP and stability kept', () => {
    for (const name of [
      'node_swap_usage_bytes',
      'pod_swap_usage_bytes',
      'container_swap_usage_bytes',
      'container_swap_limit_bytes',
    ]) {
      const f = RESOURCE.find((x) => x.name === name)!;
      expect(f.type).toBe('gauge');
      expect(f.help).toMatch(/^\[ALPHA\] .* Reported only on non-windows systems$/);
    }
  });

  it('shows container swap used in bytes, labelled as the kubelet labels it, with its sample time', () => {
    const series = select(RESOURCE, 'container_swap_usage_bytes', 'namespace="shop"');
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      labels: { node: 'worker-swap-1', container: 'redis', namespace: 'shop', pod: 'cache-5b7d9' },
      value: 201326592,
      timestampMs: 1764583203000,
      counter: false,
    });
    const frame = kubeletFrame(series, 'container_swap_usage_bytes', 'A', 0);
    expect(frame.fields.find((f) => f.name === 'value')?.config.unit).toBe('bytes');
    const limit = select(RESOURCE, 'container_swap_limit_bytes')[0];
    expect(limit.value - series[0].value).toBe(67108864);
  });

  it('reads the node series without labels but the node', () => {
    expect(select(RESOURCE, 'node_swap_usage_bytes')[0]).toMatchObject({
      labels: { node: 'worker-swap-1' },
      value: 1073741824,
    });
    expect(metricDescription('node_swap_usage_bytes')).toBe('Swap in use on the node · bytes');
  });
});

describe('/metrics/cadvisor pressure counters as cAdvisor writes them', () => {
  it('has all six, counters in seconds', () => {
    expect(CADVISOR.map((f) => f.name).sort()).toEqual([
      'container_pressure_cpu_stalled_seconds_total',
      'container_pressure_cpu_waiting_seconds_total',
      'container_pressure_io_stalled_seconds_total',
      'container_pressure_io_waiting_seconds_total',
      'container_pressure_memory_stalled_seconds_total',
      'container_pressure_memory_waiting_seconds_total',
    ]);
    expect(CADVISOR.every((f) => f.type === 'counter')).toBe(true);
  });

  it('gives the node (id="/"), a pod cgroup and a container, and time series as the share of time stalled', () => {
    const root = select(CADVISOR, 'container_pressure_memory_waiting_seconds_total', 'id="/"');
    expect(root.map((s) => s.value)).toEqual([96551.230411]);
    const pod = select(CADVISOR, 'container_pressure_memory_waiting_seconds_total', 'container="", pod="cache-5b7d9"');
    expect(pod.map((s) => s.value)).toEqual([13300.000012]);
    const samples = kubeletSamples(select(CADVISOR, 'container_pressure_cpu_waiting_seconds_total'));
    expect(samples).toHaveLength(2);
    expect(samples.every((s) => s.counter && s.unit === 'percentunit')).toBe(true);
    // a table shows the raw total in seconds
    const frame = kubeletFrame(root, 'container_pressure_memory_waiting_seconds_total', 'A', 0);
    expect(frame.fields.find((f) => f.name === 'value')?.config.unit).toBe('s');
  });
});
