/**
 * Parsing a kubelet /metrics/cadvisor body (~3 MB, generated here the same way on every run) against
 * `text.split('\n')` of the same text: the least any line-oriented parser has to do.
 */
import { parsePrometheusText } from '../src/datasource/queries/kubelet/promtext';
import { compare } from './lib';
import { mulberry32 } from '../tools/kube-sim/cluster/clusterRandom';

const TARGET_BYTES = 3_000_000;

interface Cgroup {
  id: string;
  name: string;
  image: string;
  namespace: string;
  pod: string;
  container: string;
}

const FAMILIES: Array<{
  name: string;
  type: string;
  help: string;
  extra?: Array<Record<string, string>>;
  int?: boolean;
}> = [
  {
    name: 'container_cpu_usage_seconds_total',
    type: 'counter',
    help: 'Cumulative cpu time consumed in seconds.',
    extra: [{ cpu: 'total' }],
  },
  {
    name: 'container_cpu_cfs_periods_total',
    type: 'counter',
    help: 'Number of elapsed enforcement period intervals.',
    int: true,
  },
  {
    name: 'container_cpu_cfs_throttled_periods_total',
    type: 'counter',
    help: 'Number of throttled period intervals.',
    int: true,
  },
  { name: 'container_memory_working_set_bytes', type: 'gauge', help: 'Current working set in bytes.', int: true },
  { name: 'container_memory_rss', type: 'gauge', help: 'Size of RSS in bytes.', int: true },
  { name: 'container_memory_cache', type: 'gauge', help: 'Number of bytes of page cache memory.', int: true },
  {
    name: 'container_memory_usage_bytes',
    type: 'gauge',
    help: 'Current memory usage in bytes, including all memory regardless of when it was accessed',
    int: true,
  },
  {
    name: 'container_memory_failures_total',
    type: 'counter',
    help: 'Cumulative count of memory allocation failures.',
    extra: [
      { failure_type: 'pgfault', scope: 'container' },
      { failure_type: 'pgfault', scope: 'hierarchy' },
      { failure_type: 'pgmajfault', scope: 'container' },
      { failure_type: 'pgmajfault', scope: 'hierarchy' },
    ],
    int: true,
  },
  {
    name: 'container_network_receive_bytes_total',
    type: 'counter',
    help: 'Cumulative count of bytes received',
    extra: [{ interface: 'eth0' }, { interface: 'tunl0' }],
    int: true,
  },
  {
    name: 'container_network_transmit_bytes_total',
    type: 'counter',
    help: 'Cumulative count of bytes transmitted',
    extra: [{ interface: 'eth0' }, { interface: 'tunl0' }],
    int: true,
  },
  {
    name: 'container_fs_usage_bytes',
    type: 'gauge',
    help: 'Number of bytes that are consumed by the container on this filesystem.',
    extra: [{ device: '/dev/sda1' }],
    int: true,
  },
  {
    name: 'container_fs_reads_bytes_total',
    type: 'counter',
    help: 'Cumulative count of bytes read',
    extra: [{ device: '/dev/sda' }],
    int: true,
  },
  {
    name: 'container_tasks_state',
    type: 'gauge',
    help: 'Number of tasks in given state',
    extra: [
      { state: 'iowaiting' },
      { state: 'running' },
      { state: 'sleeping' },
      { state: 'stopped' },
      { state: 'uninterruptible' },
    ],
    int: true,
  },
  { name: 'container_spec_cpu_quota', type: 'gauge', help: 'CPU quota of the container.', int: true },
  {
    name: 'container_start_time_seconds',
    type: 'gauge',
    help: 'Start time of the container since unix epoch in seconds.',
  },
  {
    name: 'container_oom_events_total',
    type: 'counter',
    help: 'Count of out of memory events observed for the container',
    int: true,
  },
];

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A cadvisor-shaped body: root and systemd cgroups, then pods with a pod cgroup and a few containers each. */
export function generateCadvisorText(targetBytes: number, seed = 42): string {
  const rnd = mulberry32(seed);
  const cgroups: Cgroup[] = [
    { id: '/', name: '', image: '', namespace: '', pod: '', container: '' },
    { id: '/kubepods.slice', name: '', image: '', namespace: '', pod: '', container: '' },
    // systemd writes "-" inside unit names as \x2d; the exposition then escapes the backslash
    { id: '/system.slice/system-serial\\x2dgetty.slice', name: '', image: '', namespace: '', pod: '', container: '' },
    { id: '/system.slice/containerd.service', name: '', image: '', namespace: '', pod: '', container: '' },
  ];
  const namespaces = ['default', 'kube-system', 'monitoring', 'payments', 'ingress-nginx'];
  let podIndex = 0;
  const ts = 1_700_000_000_000;
  const render = (): string => {
    const out: string[] = [];
    for (const f of FAMILIES) {
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
      for (const g of cgroups) {
        for (const extra of f.extra ?? [{}]) {
          const labels: string[] = [];
          for (const [k, v] of Object.entries({
            container: g.container,
            ...extra,
            id: g.id,
            image: g.image,
            name: g.name,
            namespace: g.namespace,
            pod: g.pod,
          })) {
            labels.push(`${k}="${escapeLabel(v)}"`);
          }
          const v = f.int ? String(Math.floor(rnd() * 4e9)) : (rnd() * 1e7).toExponential(6);
          out.push(`${f.name}{${labels.join(',')}} ${v} ${ts + Math.floor(rnd() * 1000)}`);
        }
      }
    }
    return out.join('\n') + '\n';
  };
  // grow the cgroup set until the rendered body reaches the target size
  let text = render();
  while (text.length < targetBytes) {
    const ns = namespaces[podIndex % namespaces.length];
    const pod = `app-${podIndex}-7d9f8c6b5-${Math.floor(rnd() * 1e5).toString(36)}`;
    const uid = `pod${Math.floor(rnd() * 1e12).toString(16)}`;
    const base = `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-${uid}.slice`;
    cgroups.push({ id: base, name: '', image: '', namespace: ns, pod, container: '' });
    for (const c of ['app', 'sidecar']) {
      const cid = Math.floor(rnd() * 1e15).toString(16);
      cgroups.push({
        id: `${base}/cri-containerd-${cid}.scope`,
        name: cid,
        image: `registry.example.com/${c}:1.${podIndex % 10}.0`,
        namespace: ns,
        pod,
        container: c,
      });
    }
    podIndex++;
    if (podIndex % 20 === 0) {
      text = render();
    }
  }
  return text;
}

export async function benchPromtext(): Promise<void> {
  const text = generateCadvisorText(TARGET_BYTES);
  const mb = text.length / 1e6;
  const check = parsePrometheusText(text);
  if (check.error !== undefined) {
    throw new Error(`generated body does not parse: ${JSON.stringify(check.error)}`);
  }
  const samples = check.families.reduce((n, f) => n + f.samples.length, 0);
  compare(
    `Prometheus text, a cadvisor-like body of ${mb.toFixed(2)} MB (${samples.toLocaleString('en-US')} samples)`,
    { name: "text.split('\\n')", run: () => text.split('\n') },
    [{ name: 'parsePrometheusText', run: () => parsePrometheusText(text) }],
    (r) => `${(mb / (r.medianMs / 1000)).toFixed(1)} MB/s`
  );
}
