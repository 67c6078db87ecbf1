import { isPressureMetric, knownMetricOptions, metricDescription } from './knownMetrics';
import { rateUnit, valueUnit } from './kubeletFrame';

describe('known kubelet metrics', () => {
  it('describes the swap series in bytes', () => {
    expect(metricDescription('node_swap_usage_bytes')).toBe('Swap in use on the node · bytes');
    expect(metricDescription('container_swap_limit_bytes')).toMatch(/LimitedSwap share.* · bytes$/);
    expect(valueUnit('pod_swap_usage_bytes')).toBe('bytes');
  });

  it('shows the pressure counters as the share of time stalled, the CPU ones too (not cores)', () => {
    expect(metricDescription('container_pressure_memory_waiting_seconds_total')).toBe(
      'Time some task waited for memory (PSI some) · rate: share of time stalled'
    );
    expect(metricDescription('container_pressure_cpu_stalled_seconds_total')).toBe(
      'Time no task could run for lack of CPU (PSI full) · rate: share of time stalled'
    );
    expect(rateUnit('container_pressure_cpu_stalled_seconds_total')).toBe('percentunit');
    expect(rateUnit('container_cpu_usage_seconds_total')).toBe('suffix: cores');
    expect(isPressureMetric('container_pressure_io_waiting_seconds_total')).toBe(true);
    expect(isPressureMetric('container_cpu_usage_seconds_total')).toBe(false);
  });

  it('offers each endpoint its own: swap on /metrics/resource, pressure on /metrics/cadvisor', () => {
    const resource = knownMetricOptions('metrics/resource').map((o) => o.value);
    expect(resource).toEqual(
      expect.arrayContaining([
        'node_swap_usage_bytes',
        'pod_swap_usage_bytes',
        'container_swap_usage_bytes',
        'container_swap_limit_bytes',
      ])
    );
    expect(resource.filter((n) => n.includes('pressure'))).toEqual([]);
    const cadvisor = knownMetricOptions('metrics/cadvisor');
    expect(cadvisor.map((o) => o.value)).toHaveLength(6);
    expect(cadvisor.every((o) => o.description?.endsWith('share of time stalled'))).toBe(true);
  });

  it('leaves metrics it does not know undescribed', () => {
    expect(metricDescription('kubelet_running_pods')).toBeUndefined();
  });
});
