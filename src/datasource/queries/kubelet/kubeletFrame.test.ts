import { DataFrame } from '@grafana/data';

import { parseMatchers } from './matchers';
import { parsePrometheusText } from './promtext';
import {
  isCounterSample,
  kubeletFrame,
  kubeletSamples,
  metricCatalogFrame,
  metricInfos,
  partialParseNotice,
  rateUnit,
  selectSeries,
  valueUnit,
} from './kubeletFrame';

// the shapes the kubelet's own /metrics serves: a histogram, a summary, a counter and untyped samples
const TEXT = `# HELP kubelet_pod_start_duration_seconds [ALPHA] Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run
# TYPE kubelet_pod_start_duration_seconds histogram
kubelet_pod_start_duration_seconds_bucket{le="0.5"} 3
kubelet_pod_start_duration_seconds_bucket{le="1"} 7
kubelet_pod_start_duration_seconds_bucket{le="+Inf"} 9
kubelet_pod_start_duration_seconds_sum 12.5
kubelet_pod_start_duration_seconds_count 9
# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 2.1e-05
go_gc_duration_seconds{quantile="0.5"} 4.4e-05
go_gc_duration_seconds{quantile="1"} 0.0021
go_gc_duration_seconds_sum 0.35
go_gc_duration_seconds_count 4200
# TYPE kubelet_running_pods gauge
kubelet_running_pods 31
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total 1234.5
rest_client_requests_total{code="200",method="GET",node="from-target"} 77
storage_operation_bytes 10
`;

const families = parsePrometheusText(TEXT).families;
const select = (metric: string, matchers = '') => selectSeries(families, metric, parseMatchers(matchers), 'node-1');
const values = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name)?.values;

describe('selectSeries', () => {
  it('a histogram family gives its buckets per le, then sum and count, all cumulative', () => {
    const { series, found } = select('kubelet_pod_start_duration_seconds');
    expect(found).toBe(true);
    expect(series.map((s) => [s.name, s.labels.le, s.value, s.counter])).toEqual([
      ['kubelet_pod_start_duration_seconds_bucket', '0.5', 3, true],
      ['kubelet_pod_start_duration_seconds_bucket', '1', 7, true],
      ['kubelet_pod_start_duration_seconds_bucket', '+Inf', 9, true],
      ['kubelet_pod_start_duration_seconds_sum', undefined, 12.5, true],
      ['kubelet_pod_start_duration_seconds_count', undefined, 9, true],
    ]);
    expect(series.every((s) => s.labels.node === 'node-1')).toBe(true);
  });

  it('a sample name picks only that part of a histogram or summary', () => {
    expect(select('kubelet_pod_start_duration_seconds_bucket').series.map((s) => s.labels.le)).toEqual([
      '0.5',
      '1',
      '+Inf',
    ]);
    expect(select('kubelet_pod_start_duration_seconds_sum').series.map((s) => s.value)).toEqual([12.5]);
    expect(select('go_gc_duration_seconds_count').series.map((s) => s.value)).toEqual([4200]);
    // a summary has no buckets
    expect(select('go_gc_duration_seconds_bucket').found).toBe(false);
  });

  it('a summary gives quantiles as gauges and sum/count as counters', () => {
    const { series } = select('go_gc_duration_seconds');
    expect(series.map((s) => [s.labels.quantile ?? s.name, s.counter])).toEqual([
      ['0', false],
      ['0.5', false],
      ['1', false],
      ['go_gc_duration_seconds_sum', true],
      ['go_gc_duration_seconds_count', true],
    ]);
  });

  it('matchers narrow the buckets, the le label included', () => {
    const { series, found } = select('kubelet_pod_start_duration_seconds_bucket', 'le!="+Inf"');
    expect(found).toBe(true);
    expect(series.map((s) => s.labels.le)).toEqual(['0.5', '1']);
    const none = select('kubelet_running_pods', 'node="node-2"');
    expect(none).toEqual({ found: true, series: [] });
  });

  it('a scraped node label becomes exported_node; ours is the node read', () => {
    const [s] = select('rest_client_requests_total').series;
    expect(s.labels).toEqual({ code: '200', method: 'GET', exported_node: 'from-target', node: 'node-1' });
    expect(s.counter).toBe(true);
  });

  it('an unknown metric is not found', () => {
    expect(select('nope')).toEqual({ found: false, series: [] });
  });
});

describe('counters and units', () => {
  it('knows cumulative samples by family type, or *_total when untyped', () => {
    expect(isCounterSample('counter', 'x_total', 'x_total')).toBe(true);
    expect(isCounterSample('untyped', 'x_total', 'x_total')).toBe(true);
    expect(isCounterSample('untyped', 'x', 'x')).toBe(false);
    expect(isCounterSample('gauge', 'x_total', 'x_total')).toBe(false);
    expect(isCounterSample('summary', 'x', 'x')).toBe(false);
    expect(isCounterSample('summary', 'x_count', 'x')).toBe(true);
  });

  it('reads units from the names', () => {
    expect(valueUnit('container_memory_working_set_bytes')).toBe('bytes');
    expect(valueUnit('go_gc_duration_seconds')).toBe('s');
    expect(valueUnit('go_gc_duration_seconds_count')).toBe('short');
    expect(valueUnit('container_start_time_seconds')).toBeUndefined();
    expect(valueUnit('kubelet_running_pods')).toBeUndefined();
    expect(rateUnit('container_network_receive_bytes_total')).toBe('Bps');
    expect(rateUnit('container_cpu_usage_seconds_total')).toBe('suffix: cores');
    expect(rateUnit('kubelet_pod_start_duration_seconds_bucket')).toBe('cps');
    expect(rateUnit('rest_client_requests_total')).toBe('cps');
  });
});

describe('kubeletFrame', () => {
  it('one row per series, a column per label (absent = null), the sample time or the poll time', () => {
    const a = select('go_gc_duration_seconds').series;
    const b = selectSeries(families, 'go_gc_duration_seconds', [], 'control-plane-1').series;
    b[0].timestampMs = 5;
    const frame = kubeletFrame([...a, ...b], 'go_gc_duration_seconds', 'A', 1000);
    expect(frame.length).toBe(10);
    // nodes sorted, exposition order within a node
    expect(values(frame, 'node')).toEqual([...Array(5).fill('control-plane-1'), ...Array(5).fill('node-1')]);
    expect(values(frame, 'quantile')).toEqual(['0', '0.5', '1', null, null, '0', '0.5', '1', null, null]);
    expect(values(frame, 'time')!.slice(0, 2)).toEqual([5, 1000]);
    expect(values(frame, 'metric')![3]).toBe('go_gc_duration_seconds_sum');
    frame.fields.forEach((f) => expect(f.values).toHaveLength(10));
    // quantiles, sum and count have different units: the value column claims none
    expect(frame.fields.find((f) => f.name === 'value')!.config.unit).toBeUndefined();
    expect(frame.meta?.notices?.[0].text).toContain('cumulative');
  });

  it('a gauge has its unit and no counter note', () => {
    const frame = kubeletFrame(select('kubelet_running_pods').series, 'kubelet_running_pods', 'A', 0);
    expect(values(frame, 'value')).toEqual([31]);
    expect(frame.meta?.notices).toBeUndefined();
    const bytes = kubeletFrame(select('storage_operation_bytes').series, 'storage_operation_bytes', 'A', 0);
    expect(bytes.fields.find((f) => f.name === 'value')!.config.unit).toBe('bytes');
  });
});

describe('kubeletSamples', () => {
  it('marks counters, keys each series by name and labels, keeps sample time', () => {
    const series = select('kubelet_pod_start_duration_seconds').series;
    series[0].timestampMs = 42;
    const samples = kubeletSamples(series);
    expect(samples.map((s) => s.counter)).toEqual([true, true, true, true, true]);
    expect(new Set(samples.map((s) => s.key)).size).toBe(5);
    expect(samples[0]).toMatchObject({
      metric: 'kubelet_pod_start_duration_seconds_bucket',
      labels: { le: '0.5', node: 'node-1' },
      value: 3,
      unit: 'cps',
      timeMs: 42,
    });
    expect(samples[1].timeMs).toBeUndefined();
    const quantiles = kubeletSamples(select('go_gc_duration_seconds').series);
    expect(quantiles[0]).toMatchObject({ counter: false, unit: 's' });
  });
});

describe('metric lists and parse errors', () => {
  it('lists families sorted with type and help', () => {
    const infos = metricInfos(families);
    expect(infos.map((i) => i.name)).toEqual([...infos.map((i) => i.name)].sort());
    expect(infos.find((i) => i.name === 'kubelet_pod_start_duration_seconds')).toEqual({
      name: 'kubelet_pod_start_duration_seconds',
      type: 'histogram',
      help: '[ALPHA] Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run',
    });
    expect(infos.find((i) => i.name === 'storage_operation_bytes')).toEqual({
      name: 'storage_operation_bytes',
      type: 'untyped',
      help: '',
    });
  });

  it('the catalog counts samples over the nodes read', () => {
    const frame = metricCatalogFrame([families, families], 'A');
    const i = (values(frame, 'metric') as string[]).indexOf('kubelet_pod_start_duration_seconds');
    expect(values(frame, 'samples')![i]).toBe(10);
  });

  it('names the line where parsing stopped on each node, and keeps quiet when none stopped', () => {
    const parsed = parsePrometheusText('ok 1\nbad{ 2\nok2 3\n');
    expect(parsed.families.map((f) => f.name)).toEqual(['ok']);
    const [one] = partialParseNotice('metrics', [{ node: 'a' }, { node: 'b', error: parsed.error }]);
    expect(one.severity).toBe('warning');
    expect(one.text).toMatch(
      /^metrics of b at line 2 \(.+\) is not valid Prometheus text: only the samples before that line are shown\.$/
    );
    const [two] = partialParseNotice('metrics/cadvisor', [
      { node: 'b', error: parsed.error },
      { node: 'c', error: { line: 9, text: 'x', message: 'oops' } },
    ]);
    expect(two.text).toMatch(/^metrics\/cadvisor of b at line 2 \(.+\), c at line 9 \(oops\) .* before those lines/);
    expect(partialParseNotice('metrics', [{ node: 'a' }])).toEqual([]);
  });
});
