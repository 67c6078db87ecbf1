/** @jest-environment node */
/**
 * The `version` option: the Kubernetes minor kube-sim plays, and what that version has on by default
 * (pkg/features/kube_features.go: InPlacePodVerticalScaling beta in 1.33, PodLevelResources beta in 1.34;
 * metrics.k8s.io v1 next to v1beta1 from 1.37).
 */
import { KubeSim, startKubeSim } from '../index';
import { simGet } from '../server/client';
import { buildCluster } from './cluster';
import { parseArgs } from '../cli';
import { podJson } from '../api/objects';
import { type KubeVersion, KUBE_VERSIONS, parseKubeVersion } from './versions';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
type Obj = Record<string, any>;

async function read(sim: KubeSim, path: string): Promise<Obj> {
  const r = await simGet(`${sim.url}${path}`, { token: sim.token });
  expect([path, r.status]).toEqual([path, 200]);
  return JSON.parse(r.body);
}

describe.each([
  ['1.37', 'v1.37.1', 'v1.36.2', ['v1', 'v1beta1']],
  ['1.31', 'v1.31.13', 'v1.30.14', ['v1beta1']],
] as const)('playing Kubernetes %s', (version, gitVersion, skewed, metrics) => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ nodes: 4, podsPerNode: 6, seed: 2, version, clock: () => T });
  });
  afterAll(() => sim.stop());

  // apimachinery version.Info; the emulation and compatibility fields exist from 1.33 (KEP-4330)
  it(`reports ${gitVersion} at /version`, async () => {
    const v = await read(sim, '/version');
    expect({ major: v.major, minor: v.minor, gitVersion: v.gitVersion }).toEqual({
      major: '1',
      minor: version.slice(2),
      gitVersion,
    });
    const minor = Number(version.slice(2));
    expect([v.emulationMinor, v.minCompatibilityMinor]).toEqual(
      minor >= 33 ? [String(minor), String(minor - 1)] : [undefined, undefined]
    );
    expect(v.goVersion).toMatch(/^go1\.2\d\.\d+$/);
  });

  it(`runs kubelets of ${gitVersion}, one a minor behind (${skewed})`, async () => {
    const nodes = (await read(sim, '/api/v1/nodes')).items as Obj[];
    const versions = Object.fromEntries(nodes.map((n) => [n.metadata.name, n.status.nodeInfo.kubeletVersion]));
    expect(versions).toEqual({
      'control-plane-1': gitVersion,
      'node-1': gitVersion,
      'node-2': skewed,
      'node-3': gitVersion,
    });
  });

  it(`serves metrics.k8s.io ${metrics.join(' and ')} by default`, async () => {
    const group = (await read(sim, '/apis/metrics.k8s.io')) as Obj;
    expect(group.versions.map((v: Obj) => v.version)).toEqual(metrics);
  });
});

describe('what each version shows of the newer pod fields', () => {
  const fieldsOf = (version: KubeVersion) => {
    const c = buildCluster(2, 4, 8, T, version);
    const json = c.pods.map(
      (p) =>
        podJson(
          c,
          p,
          c.nodes.find((n) => n.name === p.nodeName),
          T
        ) as Obj
    );
    return {
      podResources: json.some((p) => p.spec.resources),
      statusResources: json.some((p) => p.status.containerStatuses?.some((s: Obj) => s.resources)),
      resizeConditions: json.some((p) => p.status.conditions.some((x: Obj) => /^PodResize/.test(x.type))),
      nativeSidecars: json.some((p) => p.spec.initContainers?.some((x: Obj) => x.restartPolicy === 'Always')),
    };
  };

  it('1.32: native sidecars only', () => {
    expect(fieldsOf('1.32')).toEqual({
      podResources: false,
      statusResources: false,
      resizeConditions: false,
      nativeSidecars: true,
    });
  });

  it('1.33: in-place resize status and conditions, no pod-level resources yet', () => {
    expect(fieldsOf('1.33')).toEqual({
      podResources: false,
      statusResources: true,
      resizeConditions: true,
      nativeSidecars: true,
    });
  });

  it('1.34 and later: pod-level resources too', () => {
    for (const v of ['1.34', '1.37'] as const) {
      expect([v, fieldsOf(v)]).toEqual([
        v,
        { podResources: true, statusResources: true, resizeConditions: true, nativeSidecars: true },
      ]);
    }
  });
});

describe('choosing the version', () => {
  it('accepts 1.30 to 1.37, with or without v and patch, and refuses others', () => {
    expect(KUBE_VERSIONS.map((v) => parseKubeVersion(v))).toEqual([...KUBE_VERSIONS]);
    expect([parseKubeVersion('v1.33'), parseKubeVersion('1.35.2')]).toEqual(['1.33', '1.35']);
    expect(() => parseKubeVersion('1.29')).toThrow(/expected one of 1\.30, .*1\.37/);
    expect(() => parseKubeVersion('2.0')).toThrow();
  });

  it('reads --version from the command line', () => {
    expect(parseArgs(['--version', '1.31']).sim.version).toBe('1.31');
    expect(parseArgs(['--version=v1.36']).sim.version).toBe('1.36');
    expect(() => parseArgs(['--version=1.12'])).toThrow(/Kubernetes version "1.12"/);
  });

  it('keeps an explicit metricsVersions over the version default', async () => {
    const sim = await startKubeSim({ nodes: 1, podsPerNode: 1, version: '1.33', metricsVersions: ['v1', 'v1beta1'] });
    try {
      expect((await read(sim, '/apis/metrics.k8s.io')).versions.map((v: Obj) => v.version)).toEqual(['v1', 'v1beta1']);
    } finally {
      await sim.stop();
    }
  });
});
