/** @jest-environment node */
import { metricsCadvisorText } from './index';
import { podCgroup } from './cadvisor';
import { parsePromText, seriesKey, type ParsedFamily } from './promtextCheck';
import { Gi, Mi, T0, container, nodeNamed, pod, podNamed, testCluster } from '../cluster/testCluster';

const cluster = testCluster();
const nodeA = nodeNamed(cluster, 'node-a');
const text = metricsCadvisorText(cluster, nodeA, T0);
const families = parsePromText(text);
const fam = (name: string): ParsedFamily => {
  const f = families.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no family ${name}`);
  }
  return f;
};

const STAPLES = [
  'container_cpu_usage_seconds_total',
  'container_cpu_cfs_periods_total',
  'container_cpu_cfs_throttled_periods_total',
  'container_memory_working_set_bytes',
  'container_memory_rss',
  'container_memory_usage_bytes',
  'container_memory_cache',
  'container_network_receive_bytes_total',
  'container_network_transmit_bytes_total',
  'container_network_receive_packets_total',
  'container_network_transmit_packets_total',
  'container_network_receive_errors_total',
  'container_network_transmit_errors_total',
  'container_network_receive_packets_dropped_total',
  'container_network_transmit_packets_dropped_total',
  'container_fs_usage_bytes',
  'container_fs_limit_bytes',
  'container_fs_reads_bytes_total',
  'container_fs_writes_bytes_total',
  'container_spec_cpu_quota',
  'container_spec_memory_limit_bytes',
  'container_oom_events_total',
  'container_pressure_cpu_stalled_seconds_total',
  'container_pressure_cpu_waiting_seconds_total',
  'container_pressure_memory_stalled_seconds_total',
  'container_pressure_memory_waiting_seconds_total',
  'container_pressure_io_stalled_seconds_total',
  'container_pressure_io_waiting_seconds_total',
  'container_start_time_seconds',
  'machine_cpu_cores',
  'machine_memory_bytes',
];
const BASE_LABELS = ['container', 'id', 'image', 'name', 'namespace', 'pod'];

describe('/metrics/cadvisor', () => {
  it('is valid text format with every staple family, each with HELP and TYPE, sorted by name', () => {
    const names = families.map((f) => f.name);
    expect([...names].sort()).toEqual([...STAPLES].sort());
    expect(names).toEqual([...names].sort());
    for (const f of families) {
      expect(f.help).toBeTruthy();
      expect(f.type).toBe(f.name.endsWith('_total') ? 'counter' : 'gauge');
      expect(f.samples.length).toBeGreaterThan(0);
    }
  });

  it('labels container series with container, id, image, name, namespace, pod plus the metric-specific label', () => {
    const extra: Record<string, string> = {
      container_cpu_usage_seconds_total: 'cpu',
      container_fs_usage_bytes: 'device',
      container_fs_limit_bytes: 'device',
    };
    for (const f of families.filter((x) => x.name.startsWith('container_'))) {
      const want = [...BASE_LABELS];
      if (f.name.startsWith('container_network_')) {
        want.push('interface');
      } else if (f.name.startsWith('container_fs_')) {
        want.push('device');
      } else if (extra[f.name]) {
        want.push(extra[f.name]);
      }
      for (const s of f.samples) {
        expect(Object.keys(s.labels).sort()).toEqual(want.sort());
      }
    }
    expect(fam('container_cpu_usage_seconds_total').samples.every((s) => s.labels.cpu === 'total')).toBe(true);
  });

  it('has the root cgroup, the pod cgroups (container="") and the containers', () => {
    const cpu = fam('container_cpu_usage_seconds_total').samples;
    const root = cpu.find((s) => s.labels.id === '/')!;
    expect(root.labels).toMatchObject({ container: '', pod: '', namespace: '', image: '' });
    const web = podNamed(cluster, 'web-0');
    const podRow = cpu.find((s) => s.labels.id === podCgroup(web))!;
    expect(podRow.labels).toMatchObject({ container: '', pod: 'web-0', namespace: 'shop', image: '' });
    const app = cpu.find((s) => s.labels.container === 'app' && s.labels.pod === 'web-0')!;
    expect(app.labels.id.startsWith(`${podCgroup(web)}/cri-containerd-`)).toBe(true);
    expect(app.labels.name).toMatch(/^[0-9a-f]{64}$/);
    expect(app.labels.image).toBe('ghcr.io/example/shop:2.4.1');
    // the pod cgroup has used at least what its containers have
    const containers = cpu.filter((s) => s.labels.pod === 'web-0' && s.labels.container !== '');
    expect(podRow.value).toBeGreaterThan(containers.reduce((sum, s) => sum + s.value, 0) * 0.99);
  });

  it('puts pod network traffic on the pod cgroup and host traffic on the root', () => {
    const rx = fam('container_network_receive_bytes_total').samples;
    expect(rx.filter((s) => s.labels.container !== '')).toEqual([]);
    expect(rx.find((s) => s.labels.id === '/' && s.labels.interface === 'eth0')).toBeDefined();
    expect(rx.find((s) => s.labels.pod === 'single' && s.labels.interface === 'eth0')).toBeDefined();
  });

  it('escapes the backslash of a systemd unit name and reads it back', () => {
    expect(text).toContain('id="/system.slice/system-serial\\\\x2dgetty.slice"');
    const ids = fam('container_memory_working_set_bytes').samples.map((s) => s.labels.id);
    expect(ids).toContain('/system.slice/system-serial\\x2dgetty.slice');
  });

  it('reports CPU quota and throttling only where there is a CPU limit', () => {
    const quota = fam('container_spec_cpu_quota').samples;
    expect(quota.find((s) => s.labels.container === 'app')!.value).toBe(50_000);
    expect(quota.find((s) => s.labels.container === 'sidecar')).toBeUndefined();
    const periods = fam('container_cpu_cfs_periods_total').samples;
    const throttled = fam('container_cpu_cfs_throttled_periods_total').samples;
    const appPeriods = periods.find((s) => s.labels.container === 'app')!;
    const appThrottled = throttled.find((s) => s.labels.container === 'app')!;
    expect(appThrottled.value).toBeLessThanOrEqual(appPeriods.value);
    expect(periods.find((s) => s.labels.container === 'sidecar')).toBeUndefined();
  });

  it('writes memory limits (0 for none), start times without timestamps and machine facts', () => {
    const limits = fam('container_spec_memory_limit_bytes').samples;
    expect(limits.find((s) => s.labels.container === 'app')!.value).toBe(512 * 1024 * 1024);
    expect(limits.find((s) => s.labels.container === 'sidecar')!.value).toBe(0);
    for (const name of [
      'container_spec_memory_limit_bytes',
      'container_spec_cpu_quota',
      'container_start_time_seconds',
      'machine_cpu_cores',
    ]) {
      expect(fam(name).samples.every((s) => s.tsMs === undefined)).toBe(true);
    }
    const start = fam('container_start_time_seconds').samples.find((s) => s.labels.container === 'app')!;
    expect(start.value).toBe(Math.floor(podNamed(cluster, 'web-0').containers[0].startedAtMs / 1000));
    expect(fam('machine_cpu_cores').samples[0].value).toBe(8);
    expect(fam('machine_memory_bytes').samples[0].value).toBe(nodeA.capacity.memory);
    expect(Object.keys(fam('machine_cpu_cores').samples[0].labels)).toEqual(['boot_id', 'machine_id', 'system_uuid']);
  });

  it('stamps stats samples with millisecond times within one housekeeping interval', () => {
    for (const s of fam('container_memory_working_set_bytes').samples) {
      expect(s.tsMs).toBeLessThanOrEqual(T0);
      expect(s.tsMs).toBeGreaterThan(T0 - 10_000);
    }
  });

  it('keeps every counter series monotonic between scrapes', () => {
    const later = parsePromText(metricsCadvisorText(cluster, nodeA, T0 + 125_000));
    let compared = 0;
    for (const f of families.filter((x) => x.type === 'counter')) {
      const next = new Map(later.find((x) => x.name === f.name)!.samples.map((s) => [seriesKey(s), s.value]));
      for (const s of f.samples) {
        const v = next.get(seriesKey(s));
        expect(v).toBeDefined();
        expect(v!).toBeGreaterThanOrEqual(s.value);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('is deterministic', () => {
    expect(metricsCadvisorText(testCluster(), nodeA, T0)).toBe(text);
  });

  describe('cgroup limits in effect (in-place resize, pod-level resources)', () => {
    // cAdvisor reads container_spec_* from the cgroup, which the kubelet writes: during an in-place resize
    // (KEP-1287) it keeps the old limits until it actuates the new ones (status.containerStatuses[].resources);
    // with pod-level resources (KEP-2837) the pod cgroup takes spec.resources' limits, and the QoS class (so
    // the pod's slice) follows them (ComputePodQOS)
    const c = testCluster();
    c.pods.push(
      pod({
        name: 'resized-0',
        uid: 'uid-resized-0',
        containers: [
          container({
            name: 'app',
            requests: { cpu: 1, memory: 1 * Gi },
            limits: { cpu: 2, memory: 2 * Gi },
            actual: { requests: { cpu: 0.5, memory: 512 * Mi }, limits: { cpu: 1, memory: 1 * Gi } },
          }),
        ],
      }),
      pod({
        name: 'pod-level-0',
        uid: 'uid-pod-level-0',
        resources: { requests: { cpu: 1, memory: 2 * Gi }, limits: { cpu: 1, memory: 2 * Gi } },
        containers: [container({ name: 'app' }), container({ name: 'reloader' })],
      })
    );
    const fams = parsePromText(metricsCadvisorText(c, nodeNamed(c, 'node-a'), T0));
    const samples = (name: string) => fams.find((f) => f.name === name)!.samples;
    const of = (name: string, podName: string, ctr: string) =>
      samples(name).find((s) => s.labels.pod === podName && s.labels.container === ctr)?.value;

    it('gives a resized container the limits in effect, not the spec', () => {
      expect(of('container_spec_memory_limit_bytes', 'resized-0', 'app')).toBe(1 * Gi);
      expect(of('container_spec_cpu_quota', 'resized-0', 'app')).toBe(100_000);
      // the pod cgroup: the sum of the limits in effect
      expect(of('container_spec_memory_limit_bytes', 'resized-0', '')).toBe(1 * Gi);
      expect(of('container_spec_cpu_quota', 'resized-0', '')).toBe(100_000);
    });

    it('bounds a pod with pod-level resources by them, in the slice of the class they give', () => {
      const p = podNamed(c, 'pod-level-0');
      expect(of('container_spec_memory_limit_bytes', 'pod-level-0', '')).toBe(2 * Gi);
      expect(of('container_spec_cpu_quota', 'pod-level-0', '')).toBe(100_000);
      expect(of('container_spec_memory_limit_bytes', 'pod-level-0', 'app')).toBe(0);
      expect(of('container_spec_cpu_quota', 'pod-level-0', 'app')).toBeUndefined();
      // requests = limits at pod level: Guaranteed, though no container has resources of its own
      expect(podCgroup(p)).toBe('/kubepods.slice/kubepods-poduid_pod_level_0.slice');
      expect(samples('container_memory_working_set_bytes').some((s) => s.labels.id === podCgroup(p))).toBe(true);
    });
  });
});
