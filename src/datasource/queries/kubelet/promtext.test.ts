import { DecodeError } from '../../decode/decodeError';
import {
  parseGoFloat,
  parsePrometheusText,
  parsePrometheusTextStrict,
  PromFamily,
  PromParseError,
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

/** Parses a body that must be valid. */
function ok(text: string): PromParseResult {
  const r = parsePrometheusText(text);
  expect(r.error).toBeUndefined();
  expect(r.partial).toBe(false);
  return r;
}

/** The single sample of a body with one sample line, failing loudly on any parse error. */
function only(line: string) {
  const r = ok(line + '\n');
  expect(r.families).toHaveLength(1);
  expect(r.families[0].samples).toHaveLength(1);
  return r.families[0].samples[0];
}

/** The error of a body that must be refused, with the result marked partial. */
function errorOf(text: string): PromParseError {
  const r = parsePrometheusText(text);
  expect(r.partial).toBe(true);
  expect(r.error).toBeDefined();
  return r.error!;
}

/** Expects the body refused at `line` with a message matching `message`. */
function expectRefused(text: string, line: number, message: RegExp) {
  const err = errorOf(text);
  expect(err.line).toBe(line);
  expect(err.message).toMatch(message);
}

describe('parsePrometheusText: the docs example', () => {
  const result = parsePrometheusText(DOCS_EXAMPLE);

  it('parses every line without error', () => {
    expect(result.error).toBeUndefined();
    expect(result.partial).toBe(false);
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

  it('stops at the upstream line without a value and keeps the families before it, marked partial', () => {
    const upstream = DOCS_EXAMPLE.replace(
      '{"my.dotted.metric", "error.message"="Not Found"} 1',
      DOCS_EXAMPLE_UPSTREAM_LINE
    );
    const r = parsePrometheusText(upstream);
    expect(r.partial).toBe(true);
    expect(r.error).toMatchObject({ line: 10, text: DOCS_EXAMPLE_UPSTREAM_LINE });
    expect(r.error?.message).toMatch(/no value/);
    expect(r.families.map((f) => f.name)).toEqual(['http_requests_total', 'msdos_file_access_time_seconds']);
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

describe('parsePrometheusText: stopping at the first bad line', () => {
  it('returns the families read before the bad line, partial, with its number and text', () => {
    const r = parsePrometheusText('# TYPE a gauge\na 1\na{x="1"} 2\nb 3\na{x="2"} oops\nc 4\n');
    expect(r.partial).toBe(true);
    expect(r.error).toMatchObject({ line: 5, text: 'a{x="2"} oops' });
    expect(r.error?.message).toMatch(/expected a float as value/);
    // a's samples before the bad line stay; c, after it, is never read
    expect(r.families.map((f) => [f.name, f.samples.map((s) => s.value)])).toEqual([
      ['a', [1, 2]],
      ['b', [3]],
    ]);
  });

  it('gives no families when the first line is bad', () => {
    const r = parsePrometheusText('<html><body>login</body></html>\n');
    expect(r).toMatchObject({ families: [], partial: true, error: { line: 1 } });
  });

  it('cuts a very long offending line in the error', () => {
    const line = `bad{l="${'x'.repeat(1000)}"} nope`;
    const err = errorOf(line + '\n');
    expect(err.text.length).toBeLessThan(300);
    expect(line.startsWith(err.text.slice(0, -1))).toBe(true);
  });
});

describe('parsePrometheusText: lines and comments', () => {
  it('accepts an empty body and blank or whitespace-only lines', () => {
    expect(parsePrometheusText('')).toEqual({ families: [], partial: false });
    expect(parsePrometheusText('\n\n  \t \n')).toEqual({ families: [], partial: false });
  });

  // expfmt: "unexpected end of input stream" unless the input ends at the start of a line
  it('refuses a last line without its newline, and keeps nothing from it', () => {
    const r = parsePrometheusText('# TYPE a gauge\na 1\nb{x="y"} 2 1700000000000');
    expect(r.error).toMatchObject({ line: 3, text: 'b{x="y"} 2 1700000000000' });
    expect(r.error?.message).toMatch(/must end with a newline/);
    expect(r.families.map((f) => f.name)).toEqual(['a']);
    // a HELP or a plain comment is cut short just the same, and the HELP is not taken
    const help = parsePrometheusText('a 1\n# HELP a text at the very end');
    expect(help.error?.line).toBe(2);
    expect(family(help, 'a').help).toBeUndefined();
    expectRefused('a 1\n# a comment', 2, /newline/);
    expectRefused('a 1\nb 2\n# TYPE', 3, /newline/);
  });

  it('accepts a last line of blanks only without a newline', () => {
    ok('a 1\n  \t');
  });

  it('reports a bad last line by its own fault before the missing newline', () => {
    expectRefused('a 1\nm{a="\\t"} 1', 2, /invalid escape sequence/);
  });

  // expfmt has no notion of CRLF: the "\r" ends up in the token before the newline
  it('refuses CRLF line ends where the carriage return spoils a token', () => {
    expectRefused('a 1\r\n', 1, /expected a float as value, got "1\\r"/);
    expectRefused('# HELP a Some help.\r\n# TYPE a counter\r\na 1\r\n', 2, /unknown metric type "counter\\r"/);
    expectRefused('a 1 5\r\n', 1, /timestamp/);
    expectRefused('a 1\n\r\n', 2, /invalid metric name/);
  });

  it('refuses a carriage return inside a line', () => {
    expectRefused('a 1\rb 2\n', 1, /expected a float as value/);
  });

  it('ignores other comments, and HELP or TYPE with nothing after them', () => {
    const r = ok('# just a comment\n#\n# HELP\n# TYPE\n  # indented comment\n#HELP not a keyword\na 1\n');
    expect(r.families.map((f) => f.name)).toEqual(['a']);
  });

  it('takes blanks and tabs before the line and between tokens', () => {
    expect(only('  \t metric_a { a = "1" , b="2" }   3  \t 42')).toEqual({
      name: 'metric_a',
      labels: { a: '1', b: '2' },
      value: 3,
      timestampMs: 42,
    });
    expect(only('metric_a{a="1"}3')).toEqual({ name: 'metric_a', labels: { a: '1' }, value: 3 });
  });

  // expfmt reads a blank after the value as the start of a timestamp, and anything after the timestamp as junk
  it('refuses blanks after the value or after the timestamp', () => {
    expectRefused('m 1 \n', 1, /blanks after the value/);
    expectRefused('m{a="b"} 1\t\n', 1, /blanks after the value/);
    expectRefused('m 1 42 \n', 1, /after the timestamp/);
  });

  it('drops families that only have HELP or TYPE lines', () => {
    const r = ok('# HELP lonely nothing here\n# TYPE lonely gauge\n# TYPE other counter\nx 1\n');
    expect(r.families.map((f) => f.name)).toEqual(['x']);
  });
});

describe('parsePrometheusText: HELP and TYPE', () => {
  it('unescapes \\\\, \\n and \\" in HELP and keeps other text verbatim', () => {
    const r = ok('# HELP a Line one\\nline \\"two\\" with C:\\\\path and  spaces \na 1\n');
    expect(family(r, 'a').help).toBe('Line one\nline "two" with C:\\path and  spaces ');
  });

  it('refuses other escapes in HELP', () => {
    expectRefused('a 1\n# HELP a tab\\there\n', 2, /invalid escape sequence '\\t' in HELP/);
    expectRefused('# HELP a ends in \\\n', 1, /invalid escape sequence/);
  });

  it('accepts the five lowercase types', () => {
    for (const type of ['counter', 'gauge', 'histogram', 'summary', 'untyped']) {
      const r = ok(`# TYPE m ${type}\n${type === 'histogram' ? 'm_count' : 'm_sum'} 1\n`);
      expect(r.families).toHaveLength(1);
    }
  });

  // Prometheus's scrape parser takes only these five words, so other cases are refused even though expfmt
  // upper-cases the word; a trailing blank is part of the word for both parsers
  it.each(['Counter', 'GAUGE', 'gauge_histogram', 'info', 'counter gauge', 'gauge ', 'gauge\t'])(
    'refuses the type %j',
    (bad) => {
      expectRefused(`# TYPE m ${bad}\nm 1\n`, 1, /unknown metric type/);
    }
  );

  it('refuses a TYPE line without a type', () => {
    expectRefused('# TYPE m\nm 1\n', 1, /no type/);
    expectRefused('# TYPE m  \nm 1\n', 1, /no type/);
  });

  it('refuses a second HELP for a family, also through a histogram sample name', () => {
    expectRefused('# HELP a first\n# TYPE a gauge\na 1\n# HELP a second\n', 4, /second HELP line for metric "a"/);
    expectRefused('# TYPE h histogram\n# HELP h one\n# HELP h_count two\n', 3, /second HELP line for metric "h"/);
  });

  it('does not count an empty HELP, as expfmt records none', () => {
    const r = ok('# HELP a\n# HELP a  \n# HELP a real help\na 1\n');
    expect(family(r, 'a').help).toBe('real help');
  });

  it('takes a HELP after the samples', () => {
    expect(family(ok('a 1\n# HELP a late\n'), 'a').help).toBe('late');
  });

  it('refuses a second TYPE for a family', () => {
    const r = parsePrometheusText('# TYPE a gauge\n# TYPE a counter\na 1\n');
    expect(r.error).toMatchObject({ line: 2 });
    expect(r.error?.message).toMatch(/second TYPE line for metric "a"/);
    expect(r.families).toEqual([]);
  });

  it('refuses a TYPE after samples of its family, keeping those samples', () => {
    const r = parsePrometheusText('a 1\n# TYPE a counter\na 2\n');
    expect(r.error).toMatchObject({ line: 2 });
    expect(r.error?.message).toMatch(/after its samples/);
    expect(family(r, 'a')).toMatchObject({ type: 'untyped', samples: [{ value: 1 }] });
  });

  it('reads HELP and TYPE for quoted names', () => {
    const r = ok('# HELP "my.metric" Dotted.\n# TYPE "my.metric" gauge\n{"my.metric"} 7\n');
    expect(r.families).toEqual([
      { name: 'my.metric', type: 'gauge', help: 'Dotted.', samples: [{ name: 'my.metric', labels: {}, value: 7 }] },
    ]);
  });

  it('refuses a HELP or TYPE whose name is not a metric name', () => {
    expectRefused('# HELP 1abc text\n', 1, /invalid metric name/);
    expectRefused('# HELP a-b text\n', 1, /invalid metric name/);
    expectRefused('# TYPE met-ric gauge\n', 1, /invalid metric name/);
    expectRefused('# TYPE "" gauge\n', 1, /invalid metric name/);
  });
});

describe('parsePrometheusText: families', () => {
  it('makes samples without a TYPE untyped families named after the sample', () => {
    const r = ok('foo_bucket{le="1"} 1\nfoo_sum 2\nfoo_count 3\nfoo 4\n');
    expect(r.families.map((f) => [f.name, f.type])).toEqual([
      ['foo_bucket', 'untyped'],
      ['foo_sum', 'untyped'],
      ['foo_count', 'untyped'],
      ['foo', 'untyped'],
    ]);
  });

  it('does not take _bucket into a summary, nor _sum into a counter', () => {
    const r = ok('# TYPE s summary\ns{quantile="0.5"} 1\ns_bucket{le="1"} 2\n# TYPE c counter\nc 1\nc_sum 2\n');
    expect(r.families.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ['s', 'summary', 1],
      ['s_bucket', 'untyped', 1],
      ['c', 'counter', 1],
      ['c_sum', 'untyped', 1],
    ]);
  });

  it('keeps histogram series with other labels apart in the one family', () => {
    const r = ok(
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
    expect(r.families).toHaveLength(1);
    expect(family(r, 'lat').samples.filter((s) => s.labels.verb === 'PUT')).toHaveLength(3);
  });

  it('tells names that share a prefix apart', () => {
    const r = ok('foo 1\nfoobar 2\nfoo 3\nfoo:x 4\nf 5\n');
    expect(r.families.map((f) => [f.name, f.samples.map((s) => s.value)])).toEqual([
      ['foo', [1, 3]],
      ['foobar', [2]],
      ['foo:x', [4]],
      ['f', [5]],
    ]);
  });

  // the docs ask for one group per family, but neither expfmt nor Prometheus's scrape refuses a split one:
  // expfmt adds the later samples to the family it already has
  it('accepts a family split by another and adds the later samples to it', () => {
    const r = ok('# TYPE a counter\na{x="1"} 1\nb 2\na{x="2"} 3\n');
    expect(r.families.map((f) => [f.name, f.type, f.samples.map((s) => s.value)])).toEqual([
      ['a', 'counter', [1, 3]],
      ['b', 'untyped', [2]],
    ]);
  });

  // the docs ask for unique series; Prometheus drops the repeat at ingestion without failing the scrape
  it('keeps a repeated series as expfmt does', () => {
    expect(family(ok('a{x="1"} 1\na{x="1"} 2\n'), 'a').samples.map((s) => s.value)).toEqual([1, 2]);
  });
});

describe('parsePrometheusText: histograms and summaries', () => {
  const H = '# TYPE h histogram\n';
  const S = '# TYPE s summary\n';

  // expfmt: "expected float as value for 'le' label", on any sample of a histogram family
  it.each(['x', '', '0x1p-3', '1_0', 'one'])('refuses le=%j on a histogram', (le) => {
    expectRefused(`${H}h_bucket{le="0.5"} 1\nh_bucket{le="${le}"} 2\n`, 3, /float as "le"/);
  });

  it('checks le on a histogram _count or _sum that carries one, and not outside histograms', () => {
    expectRefused(`${H}h_count{le="x"} 1\n`, 2, /float as "le"/);
    expectRefused(`${H}h_sum{le="x"} 1\n`, 2, /float as "le"/);
    ok('# TYPE g gauge\ng{le="x"} 1\nu_bucket{le="x"} 1\n');
  });

  it.each(['high', '', '0X1P-2'])('refuses quantile=%j on a summary, on any of its samples', (q) => {
    expectRefused(`${S}s{quantile="${q}"} 1\n`, 2, /float as "quantile"/);
    expectRefused(`${S}s_sum{quantile="${q}"} 1\n`, 2, /float as "quantile"/);
  });

  it('takes le and quantile values Go reads as floats', () => {
    ok(`${H}h_bucket{le="1e-3"} 0\nh_bucket{le="+Inf"} 1\nh_bucket{le="inf"} 1\nh_bucket{le="NaN"} 1\n`);
    ok(`${S}s{quantile=".5"} 1\ns{quantile="1"} 2\n`);
  });

  // expfmt: "negative bucket population" and "negative count" for histograms only
  it('refuses a negative bucket count, and a negative histogram count', () => {
    expectRefused(`${H}h_bucket{le="1"} 2\nh_bucket{le="2"} -1\n`, 3, /negative bucket count for histogram "h"/);
    expectRefused(`${H}h_bucket{le="1"} -0.5\n`, 2, /negative bucket count/);
    expectRefused(`${H}h_bucket{le="1"} -Inf\n`, 2, /negative bucket count/);
    expectRefused(`${H}h{le="1"} -1\n`, 2, /negative bucket count/);
    expectRefused(`${H}h_bucket{le="+Inf"} 1\nh_sum 1\nh_count -1\n`, 4, /negative count for histogram "h"/);
  });

  it('takes a negative sum, a NaN bucket, -0, and negative summary and untyped counts', () => {
    ok(`${H}h_bucket{le="1"} -0\nh_bucket{le="+Inf"} NaN\nh_sum -5\nh_count 0\n`);
    ok(`${S}s_count -1\ns{quantile="0.5"} -3\n`);
    ok('x_bucket{le="1"} -1\nx_count -1\n');
  });

  // none of these fails a Prometheus scrape: expfmt does not look, the scrape appends classic buckets as plain
  // series, and its classic-to-native conversion (NHCB), when on, skips such a histogram without an error
  it('accepts buckets that are not cumulative, out of order, repeated, or without +Inf', () => {
    const r = ok(
      `${H}h_bucket{le="1"} 5\nh_bucket{le="2"} 3\nh_bucket{le="0.5"} 1\nh_bucket{le="1"} 5\nh_sum 1\nh_count 9\n`
    );
    expect(family(r, 'h').samples.map((s) => s.labels.le ?? s.name)).toEqual([
      '1',
      '2',
      '0.5',
      '1',
      'h_sum',
      'h_count',
    ]);
  });

  // expfmt drops these quietly; Prometheus's scrape stores them as series; kept here
  it('keeps a histogram sample without le and a summary sample without quantile', () => {
    expect(family(ok(`${H}h_bucket 1\nh 2\n`), 'h').samples.map((s) => s.name)).toEqual(['h_bucket', 'h']);
    expect(family(ok(`${S}s 1\n`), 's').samples.map((s) => s.value)).toEqual([1]);
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

  it.each(['\\t', '\\x2d', '\\u0041', '\\r', "\\'"])('refuses the escape %s in a label value', (esc) => {
    expectRefused(`ok 1\nm{a="x${esc}"} 1\n`, 2, /invalid escape sequence/);
  });

  it('refuses an invalid escape in a quoted metric or label name', () => {
    expectRefused('{"a\\tb"} 1\n', 1, /invalid escape sequence/);
    expectRefused('m{"a\\tb"="1"} 1\n', 1, /invalid escape sequence/);
  });

  // expfmt refuses duplicates except le on histograms and quantile on summaries (it sets those aside first);
  // Prometheus's storage then refuses the sample and fails the scrape, so they are refused here too
  it('refuses a label name twice in one sample, le and quantile included', () => {
    expectRefused('m{a="1",b="2"} 1\nm{a="1",a="2"} 1\n', 2, /duplicate label name "a"/);
    expectRefused('# TYPE h histogram\nh_bucket{le="1",le="2"} 1\n', 2, /duplicate label name "le"/);
    expectRefused('# TYPE s summary\ns{quantile="0.5",quantile="0.9"} 1\n', 2, /duplicate label name "quantile"/);
    expectRefused('m{"a"="1",a="2"} 1\n', 1, /duplicate label name "a"/);
  });

  it('refuses the reserved label name __name__', () => {
    expectRefused('m{__name__="x"} 1\n', 1, /reserved/);
  });

  it('reads quoted label names with escapes, and a quoted name inside braces only first', () => {
    expect(only('m{"a.b"="1","c\\"d"="2"} 1').labels).toEqual({ 'a.b': '1', 'c"d': '2' });
    expect(only('{"x.y"} 1')).toEqual({ name: 'x.y', labels: {}, value: 1 });
    expect(only('{"x.y",a="1",} 1')).toEqual({ name: 'x.y', labels: { a: '1' }, value: 1 });
    expect(only('"quoted_outside"{a="1"} 1').name).toBe('quoted_outside');
    errorOf('{a="1","x.y"} 1\n');
    errorOf('m{"x.y"} 1\n');
    expectRefused('{a="1"} 1\n', 1, /no metric name/);
    expectRefused('{} 1\n', 1, /no metric name/);
  });

  it('refuses empty quoted names, and names with characters outside the unquoted set', () => {
    errorOf('{""} 1\n');
    expectRefused('m{""="x"} 1\n', 1, /invalid label name/);
    expectRefused('{"a.b"} 1\na.b 2\n', 2, /expected a float as value/);
    expectRefused('1m 1\n', 1, /invalid metric name/);
    expectRefused('@m 1\n', 1, /invalid metric name/);
    expectRefused('m{@="x"} 1\n', 1, /invalid label name/);
    expectRefused('m{a-b="x"} 1\n', 1, /'='/);
  });

  it('keeps a label called __proto__ as an ordinary label', () => {
    const s = only('m{__proto__="x",constructor="y"} 1');
    expect(Object.keys(s.labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(s.labels)).toBe(Object.prototype);
    expect(s.labels.constructor).toBe('y');
  });

  it('does not confuse label names with the previous line', () => {
    const r = ok('m{ab="1"} 1\nm{a="2"} 2\nm{abc="3",ab="4"} 3\n');
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
  ])('refuses the malformed label set %s', (line, message) => {
    expectRefused(line + '\n', 1, message);
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
  ])('refuses value %s', (text) => {
    expectRefused(`m ${text}\n`, 1, /expected a float as value/);
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

  // expfmt: "expected integer as timestamp" (strconv.ParseInt, base 10, 64 bits)
  it.each(['1.5', '1e3', '9223372036854775808', '-9223372036854775809', '0x10', '12a', '+', 'NaN', '1_000'])(
    'refuses timestamp %s',
    (text) => {
      expectRefused(`m 1 ${text}\n`, 1, /integer millisecond timestamp/);
    }
  );

  it('refuses text after the timestamp and a missing value', () => {
    expectRefused('m 1 2 3\n', 1, /after the timestamp/);
    expectRefused('m\n', 1, /no value/);
    expectRefused('m{a="b"}\n', 1, /no value/);
  });
});

describe('parsePrometheusTextStrict', () => {
  it('returns the families of a valid body', () => {
    expect(parsePrometheusTextStrict(DOCS_EXAMPLE)).toEqual(parsePrometheusText(DOCS_EXAMPLE).families);
  });

  it('throws a DecodeError naming the first bad line', () => {
    let caught: unknown;
    try {
      parsePrometheusTextStrict('a 1\nb x\nc{ 1\n');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect(caught).toBeInstanceOf(PromTextError);
    const err = caught as PromTextError;
    expect(err.parseError).toMatchObject({ line: 2, text: 'b x' });
    expect(err.message).toMatch(/Prometheus text/);
    expect(err.message).toMatch(/line 2: expected a float as value, got "x"$/);
  });
});
