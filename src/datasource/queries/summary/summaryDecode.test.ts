import { DecodeError } from '../../decode/decodeError';
import { decodeSummary } from './summaryDecode';

/**
 * A Summary body in the kubelet's shape (stats/v1alpha1): a long-running node whose uint64 counters have
 * passed 2^53, one pod with two containers, a configMap volume and a PVC, and one pod the kubelet had little
 * on yet (`containers: null`, no cpu or network). Written as text so the counters are not rounded on the way.
 */
const SUMMARY = `{
  "node": {
    "nodeName": "worker-1",
    "systemContainers": [
      {
        "name": "kubelet",
        "startTime": "2024-03-01T08:00:00Z",
        "cpu": { "time": "2024-05-10T12:00:05Z", "usageNanoCores": 41000000, "usageCoreNanoSeconds": 9007199254740993 },
        "memory": { "time": "2024-05-10T12:00:05Z", "usageBytes": 80000000, "workingSetBytes": 70000000, "rssBytes": 60000000, "pageFaults": 123, "majorPageFaults": 0 }
      },
      { "name": "pods", "startTime": "2024-03-01T08:00:01Z" }
    ],
    "startTime": "2024-03-01T07:59:00Z",
    "cpu": {
      "time": "2024-05-10T12:00:07Z",
      "usageNanoCores": 5123456789,
      "usageCoreNanoSeconds": 18446744073709551615,
      "psi": {
        "full": { "total": 18446744073709551000, "avg10": 0.5, "avg60": 0.25, "avg300": 0 },
        "some": { "total": 1234, "avg10": 1.75, "avg60": 1, "avg300": 0.01 }
      }
    },
    "memory": {
      "time": "2024-05-10T12:00:07Z",
      "availableBytes": 120000000000,
      "usageBytes": 140000000000,
      "workingSetBytes": 130000000000,
      "rssBytes": 100000000000,
      "pageFaults": 9007199254740995,
      "majorPageFaults": 77
    },
    "network": {
      "time": "2024-05-10T12:00:08Z",
      "name": "eth0",
      "rxBytes": 36028797018963971,
      "rxErrors": 0,
      "txBytes": 18014398509481987,
      "txErrors": 3,
      "interfaces": [
        { "name": "eth0", "rxBytes": 36028797018963971, "rxErrors": 0, "txBytes": 18014398509481987, "txErrors": 3 },
        { "name": "cni0", "rxBytes": 10, "txBytes": 20 }
      ]
    },
    "fs": {
      "time": "2024-05-10T12:00:06Z",
      "availableBytes": 400000000000,
      "capacityBytes": 500000000000,
      "usedBytes": 100000000000,
      "inodesFree": 30000000,
      "inodes": 32000000,
      "inodesUsed": 2000000
    },
    "runtime": {
      "imageFs": { "time": "2024-05-10T12:00:06Z", "usedBytes": 20000000000, "inodesUsed": 5000 },
      "containerFs": { "time": "2024-05-10T12:00:06Z", "usedBytes": 3000000000, "inodesUsed": 900 }
    },
    "rlimit": { "time": "2024-05-10T12:00:09Z", "maxpid": 4194304, "curproc": 812 },
    "swap": { "time": "2024-05-10T12:00:07Z", "swapAvailableBytes": 0, "swapUsageBytes": 0 }
  },
  "pods": [
    {
      "podRef": { "name": "web-7d9f8c6b5-x2k4q", "namespace": "shop", "uid": "0b6c3f7e-1111-4d2a-9c1e-5a5a5a5a5a5a" },
      "startTime": "2024-05-01T10:00:00Z",
      "containers": [
        {
          "name": "app",
          "startTime": "2024-05-01T10:00:03Z",
          "cpu": { "time": "2024-05-10T12:00:01Z", "usageNanoCores": 0, "usageCoreNanoSeconds": 9007199254740993 },
          "memory": { "time": "2024-05-10T12:00:02Z", "availableBytes": 300000000, "usageBytes": 250000000, "workingSetBytes": 212000000, "rssBytes": 200000000, "pageFaults": 4000, "majorPageFaults": 2 },
          "rootfs": { "time": "2024-05-10T12:00:00Z", "availableBytes": 400000000000, "capacityBytes": 500000000000, "usedBytes": 40960, "inodesFree": 30000000, "inodes": 32000000, "inodesUsed": 12 },
          "logs": { "time": "2024-05-10T12:00:00Z", "usedBytes": 8192, "inodesUsed": 2 },
          "swap": { "time": "2024-05-10T12:00:02Z", "swapUsageBytes": 0 }
        },
        {
          "name": "sidecar",
          "startTime": "2024-05-01T10:00:04Z",
          "memory": { "time": "2024-05-10T12:00:02Z", "workingSetBytes": 10000000 }
        }
      ],
      "cpu": { "time": "2024-05-10T12:00:01Z", "usageNanoCores": 1500000, "usageCoreNanoSeconds": 9007199254741000 },
      "memory": { "time": "2024-05-10T12:00:02Z", "usageBytes": 260000000, "workingSetBytes": 222000000, "rssBytes": 210000000, "pageFaults": 5000, "majorPageFaults": 2 },
      "network": {
        "time": "2024-05-10T12:00:03Z",
        "name": "eth0",
        "rxBytes": 1000,
        "rxErrors": 0,
        "txBytes": 2000,
        "txErrors": 0,
        "interfaces": [{ "name": "eth0", "rxBytes": 1000, "rxErrors": 0, "txBytes": 2000, "txErrors": 0 }]
      },
      "volume": [
        { "time": "2024-05-10T11:59:00Z", "availableBytes": 1000, "capacityBytes": 2000, "usedBytes": 1000, "inodesFree": 10, "inodes": 20, "inodesUsed": 10, "name": "config" },
        { "time": "2024-05-10T11:59:30Z", "availableBytes": 5000000000, "capacityBytes": 10000000000, "usedBytes": 5000000000, "inodesFree": 600000, "inodes": 655360, "inodesUsed": 55360, "name": "data", "pvcRef": { "name": "data-web-0", "namespace": "shop" } }
      ],
      "ephemeral-storage": { "time": "2024-05-10T12:00:04Z", "availableBytes": 400000000000, "capacityBytes": 500000000000, "usedBytes": 61440, "inodesFree": 30000000, "inodes": 32000000, "inodesUsed": 16 },
      "process_stats": { "process_count": 7 },
      "swap": { "time": "2024-05-10T12:00:02Z", "swapAvailableBytes": 0, "swapUsageBytes": 0 }
    },
    {
      "podRef": { "name": "starting", "namespace": "default", "uid": "uid-2" },
      "startTime": "2024-05-10T11:59:59Z",
      "containers": null,
      "memory": { "time": "2024-05-10T12:00:02Z", "workingSetBytes": 0 }
    }
  ]
}`;

const ms = (iso: string) => Date.parse(iso);
const big = (digits: string) => BigInt(digits);

/** The SUMMARY text with one JSON fragment replaced; fails the test if the fragment is not there. */
function withReplaced(fragment: string, replacement: string): string {
  expect(SUMMARY).toContain(fragment);
  return SUMMARY.replace(fragment, replacement);
}

function decodeError(text: string): DecodeError {
  try {
    decodeSummary(text);
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error('decodeSummary did not throw');
}

describe('decodeSummary', () => {
  const snapshot = decodeSummary(SUMMARY);

  it('keeps uint64 counters exact past 2^53', () => {
    expect(snapshot.node.cpu?.usageCoreNanoSeconds).toBe(big('18446744073709551615'));
    expect(snapshot.node.memory?.pageFaults).toBe(big('9007199254740995'));
    expect(snapshot.node.network?.rxBytes).toBe(big('36028797018963971'));
    expect(snapshot.node.network?.txBytes).toBe(big('18014398509481987'));
    expect(snapshot.node.systemContainers[0].cpu?.usageCoreNanoSeconds).toBe(big('9007199254740993'));
    expect(snapshot.containers[0].cpu?.usageCoreNanoSeconds).toBe(big('9007199254740993'));
    expect(snapshot.node.cpu?.psi?.full?.total).toBe(big('18446744073709551000'));
    // counters that fit are bigint too, so consumers handle one type
    expect(snapshot.node.network?.txErrors).toBe(big('3'));
    expect(snapshot.pods[0].memory?.majorPageFaults).toBe(big('2'));
  });

  it('decodes the node row with times in ms and gauges as numbers', () => {
    const node = snapshot.node;
    expect(node.node).toBe('worker-1');
    expect(node.startTimeMs).toBe(ms('2024-03-01T07:59:00Z'));
    expect(node.cpu).toEqual({
      timeMs: ms('2024-05-10T12:00:07Z'),
      usageNanoCores: 5123456789,
      usageCoreNanoSeconds: big('18446744073709551615'),
      psi: {
        full: { total: big('18446744073709551000'), avg10: 0.5, avg60: 0.25, avg300: 0 },
        some: { total: big('1234'), avg10: 1.75, avg60: 1, avg300: 0.01 },
      },
    });
    expect(node.memory?.workingSetBytes).toBe(130000000000);
    expect(node.fs).toEqual({
      timeMs: ms('2024-05-10T12:00:06Z'),
      availableBytes: 400000000000,
      capacityBytes: 500000000000,
      usedBytes: 100000000000,
      inodesFree: 30000000,
      inodes: 32000000,
      inodesUsed: 2000000,
    });
    expect(node.runtime).toEqual({
      imageFs: { timeMs: ms('2024-05-10T12:00:06Z'), usedBytes: 20000000000, inodesUsed: 5000 },
      containerFs: { timeMs: ms('2024-05-10T12:00:06Z'), usedBytes: 3000000000, inodesUsed: 900 },
    });
    expect(node.rlimit).toEqual({ timeMs: ms('2024-05-10T12:00:09Z'), maxpid: 4194304, curproc: 812 });
    expect(node.swap).toEqual({ timeMs: ms('2024-05-10T12:00:07Z'), swapAvailableBytes: 0, swapUsageBytes: 0 });
    expect(node.timeMs).toBe(ms('2024-05-10T12:00:09Z'));
  });

  it('keeps the default interface flattened and lists every interface', () => {
    expect(snapshot.node.network).toEqual({
      timeMs: ms('2024-05-10T12:00:08Z'),
      name: 'eth0',
      rxBytes: big('36028797018963971'),
      rxErrors: big('0'),
      txBytes: big('18014398509481987'),
      txErrors: big('3'),
      interfaces: [
        {
          name: 'eth0',
          rxBytes: big('36028797018963971'),
          rxErrors: big('0'),
          txBytes: big('18014398509481987'),
          txErrors: big('3'),
        },
        { name: 'cni0', rxBytes: big('10'), txBytes: big('20') },
      ],
    });
  });

  it('decodes the node system containers', () => {
    expect(snapshot.node.systemContainers.map((c) => c.name)).toEqual(['kubelet', 'pods']);
    expect(snapshot.node.systemContainers[0].memory?.workingSetBytes).toBe(70000000);
    expect(snapshot.node.systemContainers[1]).toEqual({ name: 'pods', startTimeMs: ms('2024-03-01T08:00:01Z') });
  });

  it('gives one row per pod with its names', () => {
    expect(snapshot.pods.map((p) => [p.node, p.namespace, p.pod, p.podUid])).toEqual([
      ['worker-1', 'shop', 'web-7d9f8c6b5-x2k4q', '0b6c3f7e-1111-4d2a-9c1e-5a5a5a5a5a5a'],
      ['worker-1', 'default', 'starting', 'uid-2'],
    ]);
    const web = snapshot.pods[0];
    expect(web.startTimeMs).toBe(ms('2024-05-01T10:00:00Z'));
    expect(web.cpu?.usageNanoCores).toBe(1500000);
    expect(web.ephemeralStorage?.usedBytes).toBe(61440);
    expect(web.processStats).toEqual({ processCount: 7 });
    expect(web.network?.interfaces).toHaveLength(1);
    expect(web.swap).toEqual({ timeMs: ms('2024-05-10T12:00:02Z'), swapAvailableBytes: 0, swapUsageBytes: 0 });
    expect(web.timeMs).toBe(ms('2024-05-10T12:00:04Z'));
  });

  it('gives one row per container with node, namespace, pod and container names', () => {
    expect(snapshot.containers.map((c) => [c.node, c.namespace, c.pod, c.container])).toEqual([
      ['worker-1', 'shop', 'web-7d9f8c6b5-x2k4q', 'app'],
      ['worker-1', 'shop', 'web-7d9f8c6b5-x2k4q', 'sidecar'],
    ]);
    const app = snapshot.containers[0];
    expect(app.podUid).toBe('0b6c3f7e-1111-4d2a-9c1e-5a5a5a5a5a5a');
    expect(app.startTimeMs).toBe(ms('2024-05-01T10:00:03Z'));
    expect(app.cpu?.usageNanoCores).toBe(0);
    expect(app.memory).toEqual({
      timeMs: ms('2024-05-10T12:00:02Z'),
      availableBytes: 300000000,
      usageBytes: 250000000,
      workingSetBytes: 212000000,
      rssBytes: 200000000,
      pageFaults: big('4000'),
      majorPageFaults: big('2'),
    });
    expect(app.rootfs?.usedBytes).toBe(40960);
    expect(app.logs).toEqual({ timeMs: ms('2024-05-10T12:00:00Z'), usedBytes: 8192, inodesUsed: 2 });
    expect(app.swap).toEqual({ timeMs: ms('2024-05-10T12:00:02Z'), swapUsageBytes: 0 });
    expect(app.timeMs).toBe(ms('2024-05-10T12:00:02Z'));
  });

  it('gives one row per volume with the fs stats flattened in and the PVC when there is one', () => {
    expect(snapshot.volumes).toEqual([
      {
        node: 'worker-1',
        namespace: 'shop',
        pod: 'web-7d9f8c6b5-x2k4q',
        podUid: '0b6c3f7e-1111-4d2a-9c1e-5a5a5a5a5a5a',
        volume: 'config',
        timeMs: ms('2024-05-10T11:59:00Z'),
        availableBytes: 1000,
        capacityBytes: 2000,
        usedBytes: 1000,
        inodesFree: 10,
        inodes: 20,
        inodesUsed: 10,
      },
      {
        node: 'worker-1',
        namespace: 'shop',
        pod: 'web-7d9f8c6b5-x2k4q',
        podUid: '0b6c3f7e-1111-4d2a-9c1e-5a5a5a5a5a5a',
        volume: 'data',
        pvcRef: { name: 'data-web-0', namespace: 'shop' },
        timeMs: ms('2024-05-10T11:59:30Z'),
        availableBytes: 5000000000,
        capacityBytes: 10000000000,
        usedBytes: 5000000000,
        inodesFree: 600000,
        inodes: 655360,
        inodesUsed: 55360,
      },
    ]);
  });

  it('leaves fields absent when the kubelet left them out, never zero', () => {
    const sidecar = snapshot.containers[1];
    expect(Object.keys(sidecar).sort()).toEqual(
      ['node', 'namespace', 'pod', 'podUid', 'container', 'startTimeMs', 'memory', 'timeMs'].sort()
    );
    expect(Object.keys(sidecar.memory ?? {})).toEqual(['timeMs', 'workingSetBytes']);
    expect(sidecar.cpu).toBeUndefined();
    const web = snapshot.pods[0];
    expect('availableBytes' in (web.memory ?? {})).toBe(false);
    const starting = snapshot.pods[1];
    expect(Object.keys(starting).sort()).toEqual(
      ['node', 'namespace', 'pod', 'podUid', 'startTimeMs', 'memory', 'timeMs'].sort()
    );
    expect(starting.memory).toEqual({ timeMs: ms('2024-05-10T12:00:02Z'), workingSetBytes: 0 });
    expect('network' in starting).toBe(false);
    expect(snapshot.node.runtime?.imageFs && 'capacityBytes' in snapshot.node.runtime.imageFs).toBe(false);
  });

  it('reads null containers, and null or absent pods, as empty', () => {
    expect(snapshot.containers.filter((c) => c.pod === 'starting')).toEqual([]);
    const nodeOnly = '{"node":{"nodeName":"n","startTime":"2024-01-01T00:00:00Z"},"pods":null}';
    expect(decodeSummary(nodeOnly)).toEqual({
      node: { node: 'n', startTimeMs: ms('2024-01-01T00:00:00Z'), systemContainers: [] },
      pods: [],
      containers: [],
      volumes: [],
    });
    expect(decodeSummary('{"node":{"nodeName":"n"}}').pods).toEqual([]);
  });

  it('keeps a null metav1.Time absent', () => {
    const text = withReplaced('"startTime": "2024-03-01T07:59:00Z"', '"startTime": null');
    expect('startTimeMs' in decodeSummary(text).node).toBe(false);
  });

  it('reads a gauge written past 2^53 as the nearest double, a counter as the exact integer', () => {
    const text = withReplaced(
      '"capacityBytes": 500000000000,\n      "usedBytes": 100000000000',
      '"capacityBytes": 18446744073709551615,\n      "usedBytes": 100000000000'
    );
    const node = decodeSummary(text).node;
    expect(node.fs?.capacityBytes).toBe(18446744073709551615);
    expect(node.cpu?.usageCoreNanoSeconds).toBe(big('18446744073709551615'));
  });

  it('keeps an empty default interface name as the kubelet sent it', () => {
    const text = withReplaced(
      '"time": "2024-05-10T12:00:08Z",\n      "name": "eth0"',
      '"time": "2024-05-10T12:00:08Z",\n      "name": ""'
    );
    expect(decodeSummary(text).node.network?.name).toBe('');
  });
});

describe('decodeSummary: malformed bodies', () => {
  it('names a JSON syntax error and where it is', () => {
    const err = decodeError('{"node": {"nodeName": "n",}}');
    expect(err.message).toMatch(/kubelet stats summary/);
    expect(err.message).toMatch(/invalid JSON: .*position 26/);
    expect(decodeError('').message).toMatch(/invalid JSON/);
    expect(decodeError('Forbidden (user=x, verb=get, resource=nodes, subresource(s)=[proxy])').message).toMatch(
      /invalid JSON/
    );
  });

  it('rejects a body that is not an object, or has no node', () => {
    expect(decodeError('[]').message).toMatch(/expected a JSON object, got an array/);
    expect(decodeError('null').message).toMatch(/expected a JSON object, got null/);
    expect(decodeError('{"pods":[]}').message).toMatch(/node is missing/);
    expect(decodeError('{"node":"n"}').message).toMatch(/node should be an object/);
  });

  it('names the missing or mistyped field', () => {
    expect(decodeError('{"node":{}}').message).toMatch(/node\.nodeName is missing/);
    expect(decodeError('{"node":{"nodeName":"n"},"pods":{}}').message).toMatch(/pods should be an array/);
    expect(decodeError('{"node":{"nodeName":"n"},"pods":[{}]}').message).toMatch(/pods\[0\]\.podRef is missing/);
    expect(decodeError('{"node":{"nodeName":"n"},"pods":[7]}').message).toMatch(/pods\[0\] should be an object/);
    expect(decodeError(withReplaced('"name": "sidecar"', '"name": 5')).message).toMatch(
      /pods\[0\]\.containers\[1\]\.name should be a string, got number 5/
    );
    expect(decodeError(withReplaced('"name": "cni0", ', '')).message).toMatch(
      /node\.network\.interfaces\[1\]\.name is missing/
    );
  });

  // paths are put together only when reading fails: each names the whole path, from the row down to the field
  it.each([
    [
      '"usageCoreNanoSeconds": 9007199254741000',
      '"usageCoreNanoSeconds": "x"',
      'pods[0].cpu.usageCoreNanoSeconds should be a non-negative integer, got string "x"',
    ],
    [
      '"full": { "total": 18446744073709551000',
      '"full": { "total": -18446744073709551000',
      'node.cpu.psi.full.total should be a non-negative integer, got bigint "-18446744073709551000"',
    ],
    [
      '"avg60": 1, "avg300": 0.01',
      '"avg60": "x", "avg300": 0.01',
      'node.cpu.psi.some.avg60 should be a number, got string "x"',
    ],
    [
      '{ "name": "cni0", "rxBytes": 10',
      '{ "name": "cni0", "rxBytes": -10',
      'node.network.interfaces[1].rxBytes should be a non-negative integer, got number -10',
    ],
    ['"interfaces": [', '"interfaces": [7, ', 'node.network.interfaces[0] should be an object, got number 7'],
    [
      '"imageFs": { "time": "2024-05-10T12:00:06Z", "usedBytes": 20000000000',
      '"imageFs": { "time": "2024-05-10T12:00:06Z", "usedBytes": 2.5',
      'node.runtime.imageFs.usedBytes should be a non-negative integer, got number 2.5',
    ],
    [
      '"containerFs": {',
      '"containerFs": true, "x": {',
      'node.runtime.containerFs should be an object, got boolean true',
    ],
    [
      '{ "name": "pods", "startTime": "2024-03-01T08:00:01Z" }',
      '{ "name": "pods", "startTime": "" }',
      'node.systemContainers[1].startTime should be an RFC 3339 time, got string ""',
    ],
    [
      '"pvcRef": { "name": "data-web-0", "namespace": "shop" }',
      '"pvcRef": { "name": "data-web-0" }',
      'pods[0].volume[1].pvcRef.namespace is missing',
    ],
    [
      '"inodes": 20,',
      '"inodes": "many",',
      'pods[0].volume[0].inodes should be a non-negative integer, got string "many"',
    ],
    [
      '"usedBytes": 61440',
      '"usedBytes": [61440]',
      'pods[0].ephemeral-storage.usedBytes should be a non-negative integer, got an array',
    ],
    ['"name": "starting", "namespace": "default"', '"name": "starting"', 'pods[1].podRef.namespace is missing'],
    [
      '"name": "sidecar"',
      '"name": 18446744073709551615',
      'pods[0].containers[1].name should be a string, got bigint "18446744073709551615"',
    ],
    [
      '"swap": { "time": "2024-05-10T12:00:02Z", "swapUsageBytes": 0 }',
      '"swap": { "time": "2024-05-10T12:00:02Z", "swapUsageBytes": {} }',
      'pods[0].containers[0].swap.swapUsageBytes should be a non-negative integer, got an object',
    ],
    ['"maxpid": 4194304', '"maxpid": "4194304"', 'node.rlimit.maxpid should be a non-negative integer, got string'],
    ['"pods": [', '"pods": [{ "podRef": null }, ', 'pods[0].podRef is missing'],
  ])('names the whole path: %s -> %s', (fragment, replacement, message) => {
    expect(decodeError(withReplaced(fragment, replacement)).message).toContain(`from the API server: ${message}`);
  });

  it('checks a time it has read before as it checks a new one', () => {
    // the same text, valid and then not: the remembered times must not let the second one through
    expect(decodeSummary(SUMMARY).node.rlimit?.timeMs).toBe(ms('2024-05-10T12:00:09Z'));
    const text = withReplaced('"time": "2024-05-10T12:00:09Z"', '"time": "2024-05-10 noon"');
    expect(decodeError(text).message).toMatch(/node\.rlimit\.time should be an RFC 3339 time/);
    expect(decodeError(text).message).toMatch(/node\.rlimit\.time should be an RFC 3339 time/);
    expect(decodeSummary(SUMMARY).node.rlimit?.timeMs).toBe(ms('2024-05-10T12:00:09Z'));
  });

  it.each([
    [
      '"usageCoreNanoSeconds": 18446744073709551615',
      '"usageCoreNanoSeconds": -1',
      /node\.cpu\.usageCoreNanoSeconds should be a non-negative integer/,
    ],
    [
      '"usageCoreNanoSeconds": 18446744073709551615',
      '"usageCoreNanoSeconds": "18446744073709551615"',
      /node\.cpu\.usageCoreNanoSeconds .*string/,
    ],
    ['"usageCoreNanoSeconds": 18446744073709551615', '"usageCoreNanoSeconds": 1.5', /node\.cpu\.usageCoreNanoSeconds/],
    ['"workingSetBytes": 212000000', '"workingSetBytes": true', /pods\[0\]\.containers\[0\]\.memory\.workingSetBytes/],
    ['"process_count": 7', '"process_count": -7', /pods\[0\]\.process_stats\.process_count/],
    ['"time": "2024-05-10T12:00:09Z"', '"time": "yesterday"', /node\.rlimit\.time should be an RFC 3339 time/],
    [
      '"startTime": "2024-05-01T10:00:00Z"',
      '"startTime": 1714557600',
      /pods\[0\]\.startTime should be an RFC 3339 time/,
    ],
    ['"avg10": 0.5', '"avg10": "high"', /node\.cpu\.psi\.full\.avg10 should be a number/],
    [
      '"cpu": { "time": "2024-05-10T12:00:01Z", "usageNanoCores": 1500000',
      '"cpu": [], "x": { "time": "2024-05-10T12:00:01Z", "usageNanoCores": 1500000',
      /pods\[0\]\.cpu should be an object/,
    ],
    ['"containers": null', '"containers": "none"', /pods\[1\]\.containers should be an array/],
  ])('rejects %s -> %s', (fragment, replacement, message) => {
    expect(decodeError(withReplaced(fragment, replacement)).message).toMatch(message);
  });
});
