import { DecodeError } from './decodeError';
import {
  parseGoFloat,
  parsePrometheusText,
  parsePrometheusTextStrict,
  PromFamily,
  PromParseResult,
  PromTextError,
} from './promtext';

/**
 * The example block of the Prometheus docs ("Text format example" in docs/instrumenting/exposition_formats.md,
 * prometheus/docs, Apache-2.0, © The Prometheus Authors). Upstream, the UTF-8 line has no value; here it has
 * ` 1`, so the whole block is valid. DOCS_EXAMPLE_UPSTREAM_LINE is that line as upstream prints it.
 */
const DOCS_EXAMPLE = [
  '# HELP http_requests_total The total number of HTTP requests.',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="post",code="200"} 1027 1395066363000',
  'http_requests_total{method="post",code="400"}    3 1395066363000',
  '',
  '# Escaping in label values:',
  'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
  '',
  '# UTF-8 metric and label names:',
  '{"my.dotted.metric", "error.message"="Not Found"} 1',
  '',
  '# Minimalistic line:',
  'metric_without_timestamp_and_labels 12.47',
  '',
  '# A weird metric from before the epoch:',
  'something_weird{problem="division by zero"} +Inf -3982045',
  '',
  '# A histogram, which has a pretty complex representation in the text format:',
  '# HELP http_request_duration_seconds A histogram of the request duration.',
  '# TYPE http_request_duration_seconds histogram',
  'http_request_duration_seconds_bucket{le="0.05"} 24054',
  'http_request_duration_seconds_bucket{le="0.1"} 33444',
  'http_request_duration_seconds_bucket{le="0.2"} 100392',
  'http_request_duration_seconds_bucket{le="0.5"} 129389',
  'http_request_duration_seconds_bucket{le="1"} 133988',
  'http_request_duration_seconds_bucket{le="+Inf"} 144320',
  'http_request_duration_seconds_sum 53423',
  'http_request_duration_seconds_count 144320',
  '',
  '# Finally a summary, which has a complex representation, too:',
  '# HELP rpc_duration_seconds A summary of the RPC duration in seconds.',
  '# TYPE rpc_duration_seconds summary',
  'rpc_duration_seconds{quantile="0.01"} 3102',
  'rpc_duration_seconds{quantile="0.05"} 3272',
  'rpc_duration_seconds{quantile="0.5"} 4773',
  'rpc_duration_seconds{quantile="0.9"} 9001',
  'rpc_duration_seconds{quantile="0.99"} 76656',
  'rpc_duration_seconds_sum 1.7560473e+07',
  'rpc_duration_seconds_count 2693',
  '',
].join('\n');
const DOCS_EXAMPLE_UPSTREAM_LINE = '{"my.dotted.metric", "error.message"="Not Found"}';

function family(result: PromParseResult | PromFamily[], name: string): PromFamily {
  const families = Array.isArray(result) ? result : result.families;
  const found = families.find((f) => f.name === name);
  if (!found) {
    throw new Error(`no family ${name} in ${families.map((f) => f.name).join(', ')}`);
  }
  return found;
}

/** The single sample of a body with one sample line, failing loudly on any parse error. */
function only(line: string) {
  const r = parsePrometheusText(line + '\n');
  expect(r.errors).toEqual([]);
  expect(r.families).toHaveLength(1);
  expect(r.families[0].samples).toHaveLength(1);
  return r.families[0].samples[0];
}

function errorsOf(text: string) {
  return parsePrometheusText(text).errors;
}

describe('parsePrometheusText: the docs example', () => {
  const result = parsePrometheusText(DOCS_EXAMPLE);

  it('parses every line without error', () => {
    expect(result.errors).toEqual([]);
    expect(result.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['http_requests_total', 'counter', 2],
      ['msdos_file_access_time_seconds', 'untyped', 1],
      ['my.dotted.metric', 'untyped', 1],
      ['metric_without_timestamp_and_labels', 'untyped', 1],
      ['something_weird', 'untyped', 1],
      ['http_request_duration_seconds', 'histogram', 8],
      ['rpc_duration_seconds', 'summary', 7],
    ]);
  });

  it('keeps HELP text, labels, values and timestamps', () => {
    const requests = family(result, 'http_requests_total');
    expect(requests.help).toBe('The total number of HTTP requests.');
    expect(requests.samples).toEqual([
      { name: 'http_requests_total', labels: { method: 'post', code: '200' }, value: 1027, timestampMs: 1395066363000 },
      { name: 'http_requests_total', labels: { method: 'post', code: '400' }, value: 3, timestampMs: 1395066363000 },
    ]);
    expect(family(result, 'metric_without_timestamp_and_labels').samples).toEqual([
      { name: 'metric_without_timestamp_and_labels', labels: {}, value: 12.47 },
    ]);
  });

  it('unescapes backslashes, quotes and newlines in label values', () => {
    const [sample] = family(result, 'msdos_file_access_time_seconds').samples;
    expect(sample.labels).toEqual({ path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
    expect(sample.value).toBe(1458255915);
    expect(sample.timestampMs).toBeUndefined();
  });

  it('reads the quoted UTF-8 metric name and label name', () => {
    expect(family(result, 'my.dotted.metric').samples).toEqual([
      { name: 'my.dotted.metric', labels: { 'error.message': 'Not Found' }, value: 1 },
    ]);
  });

  it('reads +Inf and a timestamp before the epoch', () => {
    expect(family(result, 'something_weird').samples).toEqual([
      { name: 'something_weird', labels: { problem: 'division by zero' }, value: Infinity, timestampMs: -3982045 },
    ]);
  });

  it('groups histogram buckets, sum and count under the TYPE name', () => {
    const h = family(result, 'http_request_duration_seconds');
    expect(h.help).toBe('A histogram of the request duration.');
    expect(h.samples.map((s) => [s.name, s.labels.le, s.value])).toEqual([
      ['http_request_duration_seconds_bucket', '0.05', 24054],
      ['http_request_duration_seconds_bucket', '0.1', 33444],
      ['http_request_duration_seconds_bucket', '0.2', 100392],
      ['http_request_duration_seconds_bucket', '0.5', 129389],
      ['http_request_duration_seconds_bucket', '1', 133988],
      ['http_request_duration_seconds_bucket', '+Inf', 144320],
      ['http_request_duration_seconds_sum', undefined, 53423],
      ['http_request_duration_seconds_count', undefined, 144320],
    ]);
  });

  it('groups summary quantiles, sum and count under the TYPE name', () => {
    const s = family(result, 'rpc_duration_seconds');
    expect(s.samples.map((x) => [x.name, x.labels.quantile, x.value])).toEqual([
      ['rpc_duration_seconds', '0.01', 3102],
      ['rpc_duration_seconds', '0.05', 3272],
      ['rpc_duration_seconds', '0.5', 4773],
      ['rpc_duration_seconds', '0.9', 9001],
      ['rpc_duration_seconds', '0.99', 76656],
      ['rpc_duration_seconds_sum', undefined, 17560473],
      ['rpc_duration_seconds_count', undefined, 2693],
    ]);
  });

  it('reports the upstream line without a value, with its line number, and keeps the rest', () => {
    const upstream = DOCS_EXAMPLE.replace(
      '{"my.dotted.metric", "error.message"="Not Found"} 1',
      DOCS_EXAMPLE_UPSTREAM_LINE
    );
    const r = parsePrometheusText(upstream);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 10, text: DOCS_EXAMPLE_UPSTREAM_LINE });
    expect(r.errors[0].message).toMatch(/no value/);
    expect(r.families.map((f) => f.name)).not.toContain('my.dotted.metric');
    expect(r.families).toHaveLength(6);
    expect(family(r, 'rpc_duration_seconds').samples).toHaveLength(7);
  });
});

describe('parsePrometheusText: a kubelet /metrics/resource body', () => {
  // the shape of a current kubelet: [STABLE]/[ALPHA] HELP prefixes, families sorted, labels alphabetical,
  // ms timestamps, container_start_time_seconds without one
  const body = [
    '# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds',
    '# TYPE container_cpu_usage_seconds_total counter',
    'container_cpu_usage_seconds_total{container="coredns",namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 4.710169 1633253812125',
    'container_cpu_usage_seconds_total{container="etcd",namespace="kube-system",pod="etcd-kind"} 123.5 1633253812130',
    '# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes',
    '# TYPE container_memory_working_set_bytes gauge',
    'container_memory_working_set_bytes{container="coredns",namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 1.253376e+07 1633253812125',
    '# HELP container_start_time_seconds [STABLE] Start time of the container since unix epoch in seconds',
    '# TYPE container_start_time_seconds gauge',
    'container_start_time_seconds{container="coredns",namespace="kube-system",pod="coredns-558bd4d5db-4dpjz"} 1.6332527120209198e+09',
    '# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds',
    '# TYPE node_cpu_usage_seconds_total counter',
    'node_cpu_usage_seconds_total 357.35491 1633253809720',
    '# HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes',
    '# TYPE node_memory_working_set_bytes gauge',
    'node_memory_working_set_bytes 1.616273408e+09 1633253809720',
    '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise',
    '# TYPE resource_scrape_error gauge',
    'resource_scrape_error 0',
    '',
  ].join('\n');

  it('gives one typed family per metric with exact values', () => {
    const families = parsePrometheusTextStrict(body);
    expect(families.map((f) => `${f.name}:${f.type}`)).toEqual([
      'container_cpu_usage_seconds_total:counter',
      'container_memory_working_set_bytes:gauge',
      'container_start_time_seconds:gauge',
      'node_cpu_usage_seconds_total:counter',
      'node_memory_working_set_bytes:gauge',
      'resource_scrape_error:gauge',
    ]);
    const cpu = family(families, 'container_cpu_usage_seconds_total');
    expect(cpu.help).toBe('[STABLE] Cumulative cpu time consumed by the container in core-seconds');
    expect(cpu.samples[1]).toEqual({
      name: 'container_cpu_usage_seconds_total',
      labels: { container: 'etcd', namespace: 'kube-system', pod: 'etcd-kind' },
      value: 123.5,
      timestampMs: 1633253812130,
    });
    expect(family(families, 'container_memory_working_set_bytes').samples[0].value).toBe(12533760);
    const start = family(families, 'container_start_time_seconds').samples[0];
    expect(start.value).toBe(1633252712.0209198);
    expect(start.timestampMs).toBeUndefined();
    expect(family(families, 'node_memory_working_set_bytes').samples[0]).toEqual({
      name: 'node_memory_working_set_bytes',
      labels: {},
      value: 1616273408,
      timestampMs: 1633253809720,
    });
    expect(family(families, 'resource_scrape_error').samples[0].value).toBe(0);
  });
});

describe('parsePrometheusText: lines and comments', () => {
  it('accepts an empty body and blank or whitespace-only lines', () => {
    expect(parsePrometheusText('')).toEqual({ families: [], errors: [] });
    expect(parsePrometheusText('\n\n  \t \n')).toEqual({ families: [], errors: [] });
  });

  it('parses a final line that has no trailing newline', () => {
    const r = parsePrometheusText('# TYPE a gauge\na 1\nb{x="y"} 2 1700000000000');
    expect(r.errors).toEqual([]);
    expect(family(r, 'b').samples).toEqual([{ name: 'b', labels: { x: 'y' }, value: 2, timestampMs: 1700000000000 }]);
    expect(parsePrometheusText('# HELP a text at the very end').errors).toEqual([]);
  });

  it('accepts CRLF line ends with the same result as LF', () => {
    const lf = '# HELP a Some help.\n# TYPE a counter\na{l="v"} 1 5\n\nb 2\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(parsePrometheusText(crlf)).toEqual(parsePrometheusText(lf));
    expect(family(parsePrometheusText(crlf), 'a').help).toBe('Some help.');
  });

  it('rejects a carriage return inside a line', () => {
    const errors = errorsOf('a 1\rb 2\n');
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(1);
  });

  it('ignores other comments, and HELP or TYPE with nothing after them', () => {
    const r = parsePrometheusText('# just a comment\n#\n# HELP\n# TYPE\n  # indented comment\na 1\n');
    expect(r.errors).toEqual([]);
    expect(r.families.map((f) => f.name)).toEqual(['a']);
  });

  it('takes leading and trailing blanks and tabs around tokens', () => {
    expect(only('  \t metric_a { a = "1" , b="2" }   3  \t 42  \t')).toEqual({
      name: 'metric_a',
      labels: { a: '1', b: '2' },
      value: 3,
      timestampMs: 42,
    });
    expect(only('metric_a{a="1"}3')).toEqual({ name: 'metric_a', labels: { a: '1' }, value: 3 });
  });

  it('numbers errors by line and keeps the valid lines around them', () => {
    const r = parsePrometheusText('good 1\n\nbad{ 1\ngood 2\nalso_bad 1 2 3\ngood 3\n');
    expect(r.errors.map((e) => [e.line, e.text])).toEqual([
      [3, 'bad{ 1'],
      [5, 'also_bad 1 2 3'],
    ]);
    expect(family(r, 'good').samples.map((s) => s.value)).toEqual([1, 2, 3]);
  });

  it('cuts very long offending lines in the error', () => {
    const line = `bad{l="${'x'.repeat(1000)}"} nope`;
    const [err] = errorsOf(line + '\n');
    expect(err.text.length).toBeLessThan(300);
    expect(line.startsWith(err.text.slice(0, -1))).toBe(true);
  });

  it('drops families that only have HELP or TYPE lines', () => {
    const r = parsePrometheusText('# HELP lonely nothing here\n# TYPE lonely gauge\n# TYPE other counter\nx 1\n');
    expect(r.errors).toEqual([]);
    expect(r.families.map((f) => f.name)).toEqual(['x']);
  });
});

describe('parsePrometheusText: HELP and TYPE', () => {
  it('unescapes \\\\ and \\n in HELP and keeps other text verbatim', () => {
    const r = parsePrometheusText('# HELP a Line one\\nline "two" with C:\\\\path and  spaces \na 1\n');
    expect(r.errors).toEqual([]);
    expect(family(r, 'a').help).toBe('Line one\nline "two" with C:\\path and  spaces ');
  });

  it('rejects other escapes in HELP', () => {
    const errors = errorsOf('# HELP a tab\\there\na 1\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1 });
    expect(errors[0].message).toMatch(/escape/);
  });

  it('accepts all five types and rejects anything else, including other cases', () => {
    for (const type of ['counter', 'gauge', 'histogram', 'summary', 'untyped']) {
      const r = parsePrometheusText(`# TYPE m ${type}\n${type === 'histogram' ? 'm_count' : 'm_sum'} 1\n`);
      expect(r.errors).toEqual([]);
    }
    expect(family(parsePrometheusText('# TYPE m gauge \nm 1\n'), 'm').type).toBe('gauge');
    for (const bad of ['Counter', 'GAUGE', 'gauge_histogram', 'info', 'counter gauge']) {
      const errors = errorsOf(`# TYPE m ${bad}\nm 1\n`);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/unknown metric type/);
    }
    expect(errorsOf('# TYPE m\nm 1\n')[0].message).toMatch(/no type/);
  });

  it('reports a second HELP or TYPE for the same family', () => {
    const r = parsePrometheusText('# HELP a first\n# TYPE a gauge\n# HELP a second\n# TYPE a counter\na 1\n');
    expect(r.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(r.errors[0].message).toMatch(/second HELP/);
    expect(r.errors[1].message).toMatch(/second TYPE/);
    expect(family(r, 'a')).toMatchObject({ type: 'gauge', help: 'first' });
  });

  it('reports a TYPE that comes after samples of its family', () => {
    const r = parsePrometheusText('a 1\n# TYPE a counter\na 2\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 2 });
    expect(r.errors[0].message).toMatch(/after its samples/);
    expect(family(r, 'a')).toMatchObject({ type: 'untyped' });
    expect(family(r, 'a').samples.map((s) => s.value)).toEqual([1, 2]);
  });

  it('reads HELP and TYPE for quoted names', () => {
    const r = parsePrometheusText('# HELP "my.metric" Dotted.\n# TYPE "my.metric" gauge\n{"my.metric"} 7\n');
    expect(r.errors).toEqual([]);
    expect(r.families).toEqual([
      { name: 'my.metric', type: 'gauge', help: 'Dotted.', samples: [{ name: 'my.metric', labels: {}, value: 7 }] },
    ]);
  });

  it('rejects a HELP whose name is not a metric name', () => {
    expect(errorsOf('# HELP 1abc text\n')[0].message).toMatch(/invalid metric name/);
    expect(errorsOf('# HELP a-b text\n')[0].message).toMatch(/invalid metric name/);
  });
});

describe('parsePrometheusText: families', () => {
  it('makes samples without a TYPE untyped families named after the sample', () => {
    const r = parsePrometheusText('foo_bucket{le="1"} 1\nfoo_sum 2\nfoo_count 3\nfoo 4\n');
    expect(r.errors).toEqual([]);
    expect(r.families.map((f) => [f.name, f.type])).toEqual([
      ['foo_bucket', 'untyped'],
      ['foo_sum', 'untyped'],
      ['foo_count', 'untyped'],
      ['foo', 'untyped'],
    ]);
  });

  it('does not take _bucket into a summary, nor _sum into a counter', () => {
    const r = parsePrometheusText(
      '# TYPE s summary\ns{quantile="0.5"} 1\ns_bucket{le="1"} 2\n# TYPE c counter\nc 1\nc_sum 2\n'
    );
    expect(r.errors).toEqual([]);
    expect(r.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['s', 'summary', 1],
      ['s_bucket', 'untyped', 1],
      ['c', 'counter', 1],
      ['c_sum', 'untyped', 1],
    ]);
  });

  it('keeps histogram series with other labels apart in the one family', () => {
    const r = parsePrometheusText(
      [
        '# TYPE lat histogram',
        'lat_bucket{verb="GET",le="1"} 1',
        'lat_bucket{verb="GET",le="+Inf"} 2',
        'lat_sum{verb="GET"} 1.5',
        'lat_count{verb="GET"} 2',
        'lat_bucket{verb="PUT",le="+Inf"} 0',
        'lat_sum{verb="PUT"} 0',
        'lat_count{verb="PUT"} 0',
        '',
      ].join('\n')
    );
    expect(r.errors).toEqual([]);
    expect(r.families).toHaveLength(1);
    expect(family(r, 'lat').samples.filter((s) => s.labels.verb === 'PUT')).toHaveLength(3);
  });

  it('requires a float le on histogram buckets and the _bucket/_sum/_count names', () => {
    const r = parsePrometheusText(
      '# TYPE h histogram\nh_bucket 1\nh_bucket{le="x"} 1\nh{le="1"} 1\nh_bucket{le="1"} 1\nh_count 1\n'
    );
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(r.errors[0].message).toMatch(/"le"/);
    expect(r.errors[1].message).toMatch(/"le"/);
    expect(r.errors[2].message).toMatch(/_bucket, _sum or _count/);
    expect(family(r, 'h').samples.map((s) => s.name)).toEqual(['h_bucket', 'h_count']);
  });

  it('requires a float quantile on summary quantile samples', () => {
    const r = parsePrometheusText('# TYPE s summary\ns 1\ns{quantile="high"} 2\ns{quantile="0.9"} 3\ns_sum 4\n');
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(family(r, 's').samples.map((s) => s.value)).toEqual([3, 4]);
  });

  it('tells names that share a prefix apart', () => {
    const r = parsePrometheusText('foo 1\nfoobar 2\nfoo 3\nfoo:x 4\nf 5\n');
    expect(r.families.map((f) => [f.name, f.samples.map((s) => s.value)])).toEqual([
      ['foo', [1, 3]],
      ['foobar', [2]],
      ['foo:x', [4]],
      ['f', [5]],
    ]);
  });
});

describe('parsePrometheusText: labels', () => {
  it('allows a trailing comma and an empty label set', () => {
    expect(only('m{a="1",b="2",} 1').labels).toEqual({ a: '1', b: '2' });
    expect(only('m{} 1').labels).toEqual({});
  });

  it('keeps systemd escapes verbatim after unescaping the backslash', () => {
    expect(only('container_cpu{id="/system.slice/system-serial\\\\x2dgetty.slice"} 1').labels.id).toBe(
      '/system.slice/system-serial\\x2dgetty.slice'
    );
  });

  it('keeps UTF-8 and empty label values', () => {
    expect(only('m{a="日本語 ✓",b=""} 1').labels).toEqual({ a: '日本語 ✓', b: '' });
  });

  it('rejects escapes other than \\\\, \\" and \\n in label values', () => {
    for (const esc of ['\\t', '\\x2d', '\\u0041', '\\r']) {
      const errors = errorsOf(`ok 1\nm{a="x${esc}"} 1\n`);
      expect(errors).toHaveLength(1);
      expect(errors[0].line).toBe(2);
      expect(errors[0].message).toMatch(/invalid escape sequence/);
    }
  });

  it('reports duplicate and reserved label names', () => {
    const r = parsePrometheusText('m{a="1",a="2"} 1\nm{__name__="x"} 1\nm{a="1",b="2"} 1\n');
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(r.errors[0].message).toMatch(/duplicate label name "a"/);
    expect(r.errors[1].message).toMatch(/reserved/);
    expect(family(r, 'm').samples).toHaveLength(1);
  });

  it('reads quoted label names with escapes, and a quoted name inside braces only first', () => {
    expect(only('m{"a.b"="1","c\\"d"="2"} 1').labels).toEqual({ 'a.b': '1', 'c"d': '2' });
    expect(only('{"x.y"} 1')).toEqual({ name: 'x.y', labels: {}, value: 1 });
    expect(only('{"x.y",a="1",} 1')).toEqual({ name: 'x.y', labels: { a: '1' }, value: 1 });
    expect(only('"quoted_outside"{a="1"} 1').name).toBe('quoted_outside');
    expect(errorsOf('{a="1","x.y"} 1\n')).toHaveLength(1);
    expect(errorsOf('m{"x.y"} 1\n')).toHaveLength(1);
    expect(errorsOf('{a="1"} 1\n')[0].message).toMatch(/no metric name/);
  });

  it('rejects empty quoted names, and dotted names without quotes', () => {
    expect(errorsOf('{""} 1\n')).toHaveLength(1);
    expect(errorsOf('m{""="x"} 1\n')[0].message).toMatch(/invalid label name/);
    expect(errorsOf('# TYPE "" gauge\n')[0].message).toMatch(/invalid metric name/);
    const r = parsePrometheusText('{"a.b"} 1\na.b 2\n');
    expect(r.errors.map((e) => e.line)).toEqual([2]);
    expect(family(r, 'a.b').samples.map((s) => s.value)).toEqual([1]);
  });

  it('keeps a label called __proto__ as an ordinary label', () => {
    const s = only('m{__proto__="x",constructor="y"} 1');
    expect(Object.keys(s.labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(s.labels)).toBe(Object.prototype);
    expect(s.labels.constructor).toBe('y');
  });

  it('does not confuse label names with the previous line', () => {
    const r = parsePrometheusText('m{ab="1"} 1\nm{a="2"} 2\nm{abc="3",ab="4"} 3\n');
    expect(r.errors).toEqual([]);
    expect(family(r, 'm').samples.map((s) => s.labels)).toEqual([{ ab: '1' }, { a: '2' }, { abc: '3', ab: '4' }]);
  });

  it.each([
    ['m{a="1" 1', /',' or '}'/],
    ['m{a="1 1', /no closing quote/],
    ['m{a=1} 1', /'"'/],
    ['m{a} 1', /'='/],
    ['m{1a="x"} 1', /invalid label name/],
    ['m{,} 1', /invalid label name/],
    ['m{a="1"', /',' or '}'|closing brace/],
    ['m{', /closing brace/],
  ])('reports malformed label set %s', (line, message) => {
    const errors = errorsOf(line + '\n');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(message);
  });
});

describe('parsePrometheusText: values and timestamps', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-1.5', -1.5],
    ['+3', 3],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['1.253376e+07', 12533760],
    ['.5', 0.5],
    ['5.', 5],
    ['1.e2', 100],
    ['0012', 12],
    ['12345678901234567890', 12345678901234567000],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['1e-400', 0],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['Inf', Infinity],
    ['inf', Infinity],
    ['Infinity', Infinity],
    ['-infinity', -Infinity],
  ])('reads value %s', (text, value) => {
    expect(only(`m ${text}`).value).toBe(value);
  });

  it.each(['NaN', 'nan', 'NAN'])('reads value %s as NaN', (text) => {
    expect(only(`m ${text}`).value).toBeNaN();
  });

  it.each([
    '0x1p3',
    '0x10',
    '0X1P-2',
    '1_000',
    '0b101',
    '0o17',
    '1e400',
    '-1e400',
    '+NaN',
    '-nan',
    'abc',
    '1e',
    '1e+',
    '1.2.3',
    'Infinit',
    'in',
    '.',
    '-',
    '1,5',
    '١',
  ])('rejects value %s', (text) => {
    const errors = errorsOf(`m ${text}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/expected a float as value/);
  });

  it('agrees with parseGoFloat on the same texts', () => {
    expect(parseGoFloat('1e3')).toBe(1000);
    expect(parseGoFloat('0x10')).toBeUndefined();
    expect(parseGoFloat('')).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['-3982045', -3982045],
    ['+5', 5],
    ['1395066363000', 1395066363000],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
    ['0009223372036854775807', 9223372036854775807],
  ])('reads timestamp %s', (text, ms) => {
    expect(only(`m 1 ${text}`).timestampMs).toBe(ms);
  });

  it.each(['1.5', '1e3', '9223372036854775808', '-9223372036854775809', '0x10', '12a', '+', 'NaN'])(
    'rejects timestamp %s',
    (text) => {
      const errors = errorsOf(`m 1 ${text}\n`);
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/timestamp/);
    }
  );

  it('rejects text after the timestamp and a missing value', () => {
    expect(errorsOf('m 1 2 3\n')[0].message).toMatch(/after the timestamp/);
    expect(errorsOf('m\n')[0].message).toMatch(/no value/);
    expect(errorsOf('m{a="b"}\n')[0].message).toMatch(/no value/);
    expect(errorsOf('1m 1\n')[0].message).toMatch(/invalid metric name/);
  });
});

describe('parsePrometheusTextStrict', () => {
  it('returns the families of a valid body', () => {
    expect(parsePrometheusTextStrict(DOCS_EXAMPLE)).toEqual(parsePrometheusText(DOCS_EXAMPLE).families);
  });

  it('throws a DecodeError listing the first bad lines', () => {
    const text = 'a 1\nb x\nc{ 1\nd 1 2 3\ne ?\nf !\n';
    let caught: unknown;
    try {
      parsePrometheusTextStrict(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect(caught).toBeInstanceOf(PromTextError);
    const err = caught as PromTextError;
    expect(err.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(err.message).toMatch(/Prometheus text/);
    expect(err.message).toMatch(/line 2: .*; line 3: .*; line 4: .*; and 2 more$/);
  });
});
