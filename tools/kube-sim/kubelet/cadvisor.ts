/**
 * GET /metrics/cadvisor: the dashboard staples of cAdvisor's collector as the kubelet registers it
 * (labels container, id, image, name, namespace, pod; cpu="total"; interface; device), over the
 * cgroup tree of a containerd node with the systemd driver on cgroup v2: the root "/", a few
 * system.slice units (one with a systemd-escaped name), kubepods.slice, one cgroup per pod (container="",
 * carrying the pod's network), its pause sandbox and its containers.
 *
 * Stats samples carry their cgroup's housekeeping time; spec metrics and start times have none, as in cAdvisor.
 * With the KubeletPSI gate (on by default) the root, pod and container cgroups carry the pressure counters.
 */
import {
  nodeSystemCpuSecondsAt,
  nodeSystemUsageAt,
  resourcesInEffect,
  type SimCluster,
  type SimContainer,
  type SimNode,
  type SimPod,
} from '../cluster/model';
import { hexId, uuidFrom } from '../cluster/hash';
import { podQos } from './pressureQos';
import {
  containerPressureAt,
  nodePressureAt,
  podPressureAt,
  psiOn,
  type PressureOptions,
  type Pressure,
} from './pressure';
import { renderFamilies, type PromFamily, type PromSample, type PromType } from './promtext';
import {
  HOUSEKEEPING_MS,
  containerCfsAt,
  containerCpuAt,
  containerDiskIoAt,
  containerMemAt,
  containerRootfsUsed,
  nodeCpuAt,
  nodeDiskAt,
  nodeDiskIoAt,
  nodeMemAt,
  nodeNetAt,
  nodePods,
  nodeTraits,
  pauseMemory,
  podCfsAt,
  podCpuAt,
  podCpuLimit,
  podDiskIoAt,
  podMemAt,
  podMemoryLimit,
  podNetAt,
  podOomEvents,
  podsCgroupAt,
  podsCgroupMemoryLimit,
  podsCgroupStartMs,
  runningContainers,
  sampleTime,
  systemContainerAt,
  toNanos,
  type CfsStat,
  type CpuStat,
  type DiskIo,
  type IfaceStat,
  type MemStat,
} from './stats';

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
/** CFS period the kubelet configures: 100ms, so quota = cores * 100000 µs. */
const CFS_PERIOD_US = 100_000;

interface BaseLabels {
  container: string;
  id: string;
  image: string;
  name: string;
  namespace: string;
  pod: string;
}

/** One cgroup's worth of values; absent members produce no sample, like cAdvisor's conditions. */
interface Row {
  labels: BaseLabels;
  tMs: number;
  startMs: number;
  cpu: CpuStat;
  memory: MemStat;
  memLimit: number;
  cpuQuota?: number;
  cfs?: CfsStat;
  net?: IfaceStat[];
  fs?: { device: string; usage: number; limit: number };
  io?: { device: string } & DiskIo;
  oomEvents?: number;
  psi?: Pressure;
}

function labelsOf(l: Partial<BaseLabels>): BaseLabels {
  return { container: '', id: '', image: '', name: '', namespace: '', pod: '', ...l };
}

/** The pod's cgroup under the systemd driver; systemd unit names cannot hold '-', so the UID's dashes become '_'. */
export function podCgroup(pod: SimPod): string {
  const uid = pod.uid.replace(/-/g, '_');
  switch (podQos(pod)) {
    case 'Guaranteed':
      return `/kubepods.slice/kubepods-pod${uid}.slice`;
    case 'Burstable':
      return `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${uid}.slice`;
    default:
      return `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${uid}.slice`;
  }
}

/** containerd's 64-hex container ID, new for every restart. */
export function containerId(pod: SimPod, c: SimContainer): string {
  return hexId(`${pod.uid}/${c.name}/${c.restartCount}`, 64);
}

export function sandboxId(pod: SimPod): string {
  return hexId(`${pod.uid}/sandbox`, 64);
}

function podRows(
  node: SimNode,
  pod: SimPod,
  nowMs: number,
  device: string,
  partition: string,
  fsLimit: number,
  opts: PressureOptions
): Row[] {
  const psi = psiOn(opts);
  const rows: Row[] = [];
  const cg = podCgroup(pod);
  const base = { namespace: pod.namespace, pod: pod.name };

  const tPod = sampleTime(`pod/${pod.uid}`, nowMs, HOUSEKEEPING_MS, pod.startMs);
  const cpuLimit = podCpuLimit(pod);
  rows.push({
    labels: labelsOf({ ...base, id: cg }),
    tMs: tPod,
    startMs: pod.startMs,
    cpu: podCpuAt(pod, tPod),
    memory: podMemAt(pod, tPod),
    memLimit: podMemoryLimit(pod) ?? 0,
    cpuQuota: cpuLimit ? Math.round(cpuLimit * CFS_PERIOD_US) : undefined,
    cfs: podCfsAt(pod, tPod),
    net: [podNetAt(pod, tPod)],
    io: { device, ...podDiskIoAt(pod, tPod) },
    oomEvents: podOomEvents(pod),
    psi: psi ? podPressureAt(node, pod, tPod, opts) : undefined,
  });

  const sb = sandboxId(pod);
  const tPause = sampleTime(`pause/${pod.uid}`, nowMs, HOUSEKEEPING_MS, pod.startMs);
  const pauseMem = pauseMemory(pod);
  rows.push({
    labels: labelsOf({ ...base, id: `${cg}/cri-containerd-${sb}.scope`, image: PAUSE_IMAGE, name: sb }),
    tMs: tPause,
    startMs: pod.startMs,
    // the pause process sleeps: a few tens of microseconds of CPU per second
    cpu: { tMs: tPause, nanoCores: 20_000, coreNanos: toNanos(Math.max(0, tPause - pod.startMs) * 20e-9) },
    memory: {
      tMs: tPause,
      usage: pauseMem,
      workingSet: pauseMem,
      rss: pauseMem,
      cache: 0,
      pageFaults: 0,
      majorPageFaults: 0,
    },
    memLimit: 0,
    oomEvents: 0,
  });

  for (const c of runningContainers(pod)) {
    const t = sampleTime(`ctr/${pod.uid}/${c.name}`, nowMs, HOUSEKEEPING_MS, c.startedAtMs);
    const id = containerId(pod, c);
    const inEffect = resourcesInEffect(c);
    rows.push({
      labels: labelsOf({
        ...base,
        container: c.name,
        id: `${cg}/cri-containerd-${id}.scope`,
        image: c.image,
        name: id,
      }),
      tMs: t,
      startMs: c.startedAtMs,
      cpu: containerCpuAt(c, t),
      memory: containerMemAt(pod, c, t),
      // the cgroup's: what the kubelet configured, which lags the spec while a resize is not actuated
      memLimit: inEffect.limits.memory ?? 0,
      cpuQuota: inEffect.limits.cpu ? Math.round(inEffect.limits.cpu * CFS_PERIOD_US) : undefined,
      cfs: containerCfsAt(c, t),
      fs: { device: partition, usage: containerRootfsUsed(pod, c), limit: fsLimit },
      io: { device, ...containerDiskIoAt(pod, c, t) },
      oomEvents: 0,
      psi: psi ? containerPressureAt(node, pod, c, t, opts) : undefined,
    });
  }
  return rows;
}

/** Host-level rows: the root cgroup, kubepods.slice and a few systemd units. */
function hostRows(node: SimNode, pods: SimPod[], nowMs: number, opts: PressureOptions): Row[] {
  const tr = nodeTraits(node);
  const tNode = sampleTime(`node/${node.name}`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const disk = nodeDiskAt(node, pods, tNode);
  const rows: Row[] = [
    {
      labels: labelsOf({ id: '/' }),
      tMs: tNode,
      startMs: node.bootMs,
      cpu: nodeCpuAt(node, pods, tNode),
      memory: nodeMemAt(node, pods, tNode),
      memLimit: 0,
      net: nodeNetAt(node, pods, tNode).interfaces,
      fs: { device: tr.partition, usage: disk.nodeFs.used, limit: disk.nodeFs.capacity },
      io: { device: tr.disk, ...nodeDiskIoAt(node, pods, tNode) },
      psi: psiOn(opts) ? nodePressureAt(node, pods, tNode, opts) : undefined,
    },
  ];

  const tPods = sampleTime(`sys/${node.name}/pods`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const podsCg = podsCgroupAt(node, pods, tPods);
  rows.push({
    labels: labelsOf({ id: '/kubepods.slice' }),
    tMs: tPods,
    startMs: podsCgroupStartMs(node),
    ...podsCg,
    memLimit: podsCgroupMemoryLimit(node),
  });

  const units: Array<{ id: string; which: 'kubelet' | 'runtime' }> = [
    { id: '/system.slice/kubelet.service', which: 'kubelet' },
    { id: '/system.slice/containerd.service', which: 'runtime' },
  ];
  for (const u of units) {
    const t = sampleTime(`sys/${node.name}/${u.which}`, nowMs, HOUSEKEEPING_MS, node.bootMs);
    const s = systemContainerAt(node, u.which, t);
    rows.push({
      labels: labelsOf({ id: u.id }),
      tMs: t,
      startMs: s.startMs,
      cpu: s.cpu,
      memory: s.memory,
      memLimit: 0,
    });
  }

  // system.slice holds most of the node's non-pod usage
  const tSys = sampleTime(`sys/${node.name}/system.slice`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const sysUse = nodeSystemUsageAt(node, tSys);
  const sysWs = Math.round(sysUse.memory * 0.85);
  rows.push({
    labels: labelsOf({ id: '/system.slice' }),
    tMs: tSys,
    startMs: node.bootMs,
    cpu: {
      tMs: tSys,
      nanoCores: Math.round(sysUse.cpu * 0.85e9),
      coreNanos: toNanos(nodeSystemCpuSecondsAt(node, node.bootMs, tSys) * 0.85),
    },
    memory: {
      tMs: tSys,
      usage: Math.round(sysWs * 1.3),
      workingSet: sysWs,
      rss: Math.round(sysWs * 0.8),
      cache: Math.round(sysWs * 0.5),
      pageFaults: 0,
      majorPageFaults: 0,
    },
    memLimit: 0,
  });

  // a serial console getty: its unit name carries systemd's \x2d escape for '-', so the label value has a backslash
  const tGetty = sampleTime(`sys/${node.name}/getty`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const gettyMem = 4096 * 196;
  rows.push({
    labels: labelsOf({ id: '/system.slice/system-serial\\x2dgetty.slice' }),
    tMs: tGetty,
    startMs: node.bootMs + 4000,
    cpu: { tMs: tGetty, nanoCores: 9_000, coreNanos: toNanos(Math.max(0, tGetty - node.bootMs - 4000) * 9e-9) },
    memory: {
      tMs: tGetty,
      usage: gettyMem + 262_144,
      workingSet: gettyMem,
      rss: 4096 * 120,
      cache: gettyMem + 262_144 - 4096 * 120,
      pageFaults: 0,
      majorPageFaults: 0,
    },
    memLimit: 0,
  });
  return rows;
}

function fam(name: string, help: string, type: PromType, samples: PromSample[]): PromFamily {
  return { name, help, type, samples };
}

/** cAdvisor's pressure counters: `stalled` is PSI full, `waiting` is PSI some, µs turned into seconds. */
const PRESSURE: Array<{ name: string; help: string; of: (p: Pressure) => bigint }> = [
  {
    name: 'cpu_stalled',
    help: 'no tasks in the container could make progress due to CPU',
    of: (p) => p.cpu.full.total,
  },
  { name: 'cpu_waiting', help: 'tasks in the container have waited due to CPU', of: (p) => p.cpu.some.total },
  {
    name: 'memory_stalled',
    help: 'no tasks in the container could make progress due to memory',
    of: (p) => p.memory.full.total,
  },
  { name: 'memory_waiting', help: 'tasks in the container have waited due to memory', of: (p) => p.memory.some.total },
  { name: 'io_stalled', help: 'no tasks in the container could make progress due to IO', of: (p) => p.io.full.total },
  { name: 'io_waiting', help: 'tasks in the container have waited due to IO', of: (p) => p.io.some.total },
];

export function metricsCadvisorText(
  cluster: SimCluster,
  node: SimNode,
  nowMs: number,
  opts: PressureOptions = {}
): string {
  const pods = nodePods(cluster, node);
  const tr = nodeTraits(node);
  const tNode = sampleTime(`node/${node.name}`, nowMs, HOUSEKEEPING_MS, node.bootMs);
  const fsLimit = nodeDiskAt(node, pods, tNode).nodeFs.capacity;
  const rows = [
    ...hostRows(node, pods, nowMs, opts),
    ...pods.flatMap((p) => podRows(node, p, nowMs, tr.disk, tr.partition, fsLimit, opts)),
  ];

  const each = (f: (r: Row) => PromSample | PromSample[] | undefined): PromSample[] =>
    rows.flatMap((r) => {
      const s = f(r);
      return s === undefined ? [] : s;
    });
  const at = (r: Row, value: number, extra: Record<string, string> = {}): PromSample => ({
    labels: { ...r.labels, ...extra },
    value,
    tsMs: r.tMs,
  });
  const spec = (r: Row, value: number): PromSample => ({ labels: { ...r.labels }, value });
  const perIface = (field: (i: IfaceStat) => number | bigint) =>
    each((r) => r.net?.map((i) => at(r, Number(field(i)), { interface: i.name })));

  const machine = {
    boot_id: uuidFrom(`${node.uid}/boot/${node.bootMs}`),
    machine_id: hexId(`${node.uid}/machine`, 32),
    system_uuid: uuidFrom(`${node.uid}/system`),
  };

  return renderFamilies([
    // cAdvisor writes no sample while a cgroup has used no CPU yet
    fam(
      'container_cpu_usage_seconds_total',
      'Cumulative cpu time consumed in seconds.',
      'counter',
      each((r) => (r.cpu.coreNanos > BigInt(0) ? at(r, Number(r.cpu.coreNanos) / 1e9, { cpu: 'total' }) : undefined))
    ),
    fam(
      'container_cpu_cfs_periods_total',
      'Number of elapsed enforcement period intervals.',
      'counter',
      each((r) => (r.cfs ? at(r, r.cfs.periods) : undefined))
    ),
    fam(
      'container_cpu_cfs_throttled_periods_total',
      'Number of throttled period intervals.',
      'counter',
      each((r) => (r.cfs ? at(r, r.cfs.throttledPeriods) : undefined))
    ),
    fam(
      'container_memory_working_set_bytes',
      'Current working set in bytes.',
      'gauge',
      each((r) => at(r, r.memory.workingSet))
    ),
    fam(
      'container_memory_rss',
      'Size of RSS in bytes.',
      'gauge',
      each((r) => at(r, r.memory.rss))
    ),
    fam(
      'container_memory_usage_bytes',
      'Current memory usage in bytes, including all memory regardless of when it was accessed',
      'gauge',
      each((r) => at(r, r.memory.usage))
    ),
    fam(
      'container_memory_cache',
      'Number of bytes of page cache memory.',
      'gauge',
      each((r) => at(r, r.memory.cache))
    ),
    fam(
      'container_network_receive_bytes_total',
      'Cumulative count of bytes received',
      'counter',
      perIface((i) => i.rxBytes)
    ),
    fam(
      'container_network_transmit_bytes_total',
      'Cumulative count of bytes transmitted',
      'counter',
      perIface((i) => i.txBytes)
    ),
    fam(
      'container_network_receive_packets_total',
      'Cumulative count of packets received',
      'counter',
      perIface((i) => i.rxPackets)
    ),
    fam(
      'container_network_transmit_packets_total',
      'Cumulative count of packets transmitted',
      'counter',
      perIface((i) => i.txPackets)
    ),
    fam(
      'container_network_receive_errors_total',
      'Cumulative count of errors encountered while receiving',
      'counter',
      perIface((i) => i.rxErrors)
    ),
    fam(
      'container_network_transmit_errors_total',
      'Cumulative count of errors encountered while transmitting',
      'counter',
      perIface((i) => i.txErrors)
    ),
    fam(
      'container_network_receive_packets_dropped_total',
      'Cumulative count of packets dropped while receiving',
      'counter',
      perIface((i) => i.rxDropped)
    ),
    fam(
      'container_network_transmit_packets_dropped_total',
      'Cumulative count of packets dropped while transmitting',
      'counter',
      perIface((i) => i.txDropped)
    ),
    fam(
      'container_fs_usage_bytes',
      'Number of bytes that are consumed by the container on this filesystem.',
      'gauge',
      each((r) => (r.fs ? at(r, r.fs.usage, { device: r.fs.device }) : undefined))
    ),
    fam(
      'container_fs_limit_bytes',
      'Number of bytes that can be consumed by the container on this filesystem.',
      'gauge',
      each((r) => (r.fs ? at(r, r.fs.limit, { device: r.fs.device }) : undefined))
    ),
    fam(
      'container_fs_reads_bytes_total',
      'Cumulative count of bytes read',
      'counter',
      each((r) => (r.io ? at(r, r.io.readBytes, { device: r.io.device }) : undefined))
    ),
    fam(
      'container_fs_writes_bytes_total',
      'Cumulative count of bytes written',
      'counter',
      each((r) => (r.io ? at(r, r.io.writeBytes, { device: r.io.device }) : undefined))
    ),
    fam(
      'container_spec_cpu_quota',
      'CPU quota of the container.',
      'gauge',
      each((r) => (r.cpuQuota ? spec(r, r.cpuQuota) : undefined))
    ),
    fam(
      'container_spec_memory_limit_bytes',
      'Memory limit for the container.',
      'gauge',
      each((r) => spec(r, r.memLimit))
    ),
    fam(
      'container_oom_events_total',
      'Count of out of memory events observed for the container',
      'counter',
      each((r) => (r.oomEvents === undefined ? undefined : at(r, r.oomEvents)))
    ),
    // CreationTime.Unix(): whole seconds
    fam(
      'container_start_time_seconds',
      'Start time of the container since unix epoch in seconds.',
      'gauge',
      each((r) => spec(r, Math.floor(r.startMs / 1000)))
    ),
    ...PRESSURE.map((p) =>
      fam(
        `container_pressure_${p.name}_seconds_total`,
        `Total time duration ${p.help} congestion.`,
        'counter',
        each((r) => (r.psi ? at(r, Number(p.of(r.psi)) / 1e6) : undefined))
      )
    ),
    fam('machine_cpu_cores', 'Number of logical CPU cores.', 'gauge', [{ labels: machine, value: node.capacity.cpu }]),
    fam('machine_memory_bytes', 'Amount of memory installed on the machine.', 'gauge', [
      { labels: machine, value: node.capacity.memory },
    ]),
  ]);
}
