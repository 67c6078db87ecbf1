/**
 * Which Kubernetes minor version kube-sim plays (1.30 to 1.37, 1.37 by default), and what that version's
 * defaults turn on. Only the features the sim models are listed, at the release where they are on by
 * default (pkg/features/kube_features.go, versioned feature gates):
 * - native sidecars (SidecarContainers, KEP-753): beta and on since 1.29, so in every version played;
 * - in-place resize (InPlacePodVerticalScaling, KEP-1287): alpha and off by default up to 1.32, beta and
 *   on in 1.33, GA in 1.35. With it off the API server drops status.containerStatuses[].resources and
 *   .allocatedResources and the kubelet writes no PodResizePending/PodResizeInProgress conditions (those
 *   conditions replaced status.resize in 1.33), so the sim shows resize from 1.33 on;
 * - pod-level resources (PodLevelResources, KEP-2837): alpha in 1.32, beta and on in 1.34; before that
 *   the API server drops spec.resources;
 * - pressure stall information in the kubelet's stats (KubeletPSI, KEP-4205): alpha in 1.33, beta and on in
 *   1.34, GA in 1.36. It is a kubelet gate, so a kubelet one minor behind follows its own version;
 * - metrics.k8s.io v1 (served next to v1beta1): from 1.37, as kube-sim's metricsVersions default.
 */
import type { MetricsVersion } from '../api/discoveryResources';

export const KUBE_VERSIONS = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37'] as const;
export type KubeVersion = (typeof KUBE_VERSIONS)[number];
export const DEFAULT_KUBE_VERSION: KubeVersion = '1.37';

/** the patch release each minor is played at (the API server's /version and most kubelets) */
const PATCH: Record<KubeVersion, number> = {
  '1.30': 14,
  '1.31': 13,
  '1.32': 9,
  '1.33': 5,
  '1.34': 3,
  '1.35': 2,
  '1.36': 2,
  '1.37': 1,
};

/** when the played patch release was built, and with which Go (the release's Go line) */
const BUILD: Record<KubeVersion, { buildDate: string; goVersion: string }> = {
  '1.30': { buildDate: '2025-06-17T18:32:01Z', goVersion: 'go1.23.10' },
  '1.31': { buildDate: '2025-09-09T19:30:48Z', goVersion: 'go1.24.6' },
  '1.32': { buildDate: '2025-09-09T19:34:20Z', goVersion: 'go1.24.6' },
  '1.33': { buildDate: '2025-09-09T19:37:12Z', goVersion: 'go1.24.6' },
  '1.34': { buildDate: '2025-12-09T14:59:13Z', goVersion: 'go1.24.11' },
  '1.35': { buildDate: '2026-02-10T12:21:44Z', goVersion: 'go1.25.7' },
  '1.36': { buildDate: '2026-05-12T09:51:34Z', goVersion: 'go1.26.2' },
  '1.37': { buildDate: '2026-09-15T10:02:17Z', goVersion: 'go1.26.6' },
};

/**
 * The fields of /version (apimachinery pkg/version.Info) for a gitVersion, in the API server's order. From
 * 1.33 the server also reports the version it emulates and the oldest it stays compatible with (KEP-4330).
 */
export function versionInfo(gitVersion: string): Record<string, string> {
  const minor = minorOfGitVersion(gitVersion);
  const v = `1.${minor}` as KubeVersion;
  const build = BUILD[v] ?? BUILD[DEFAULT_KUBE_VERSION];
  const info: Record<string, string> = { major: '1', minor: String(minor) };
  if (minor >= 33) {
    Object.assign(info, {
      emulationMajor: '1',
      emulationMinor: String(minor),
      minCompatibilityMajor: '1',
      minCompatibilityMinor: String(minor - 1),
    });
  }
  return {
    ...info,
    gitVersion,
    gitCommit: '9e6c1e9a2e1f0b4e4d7f5c3b2a1f0e9d8c7b6a5f',
    gitTreeState: 'clean',
    buildDate: build.buildDate,
    goVersion: build.goVersion,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** '1.31', 'v1.31' or '1.31.4' → '1.31'; anything outside 1.30–1.37 throws */
export function parseKubeVersion(v: string): KubeVersion {
  const m = /^v?(1\.\d+)(?:\.\d+)?$/.exec(v.trim());
  const minor = m?.[1];
  if (!minor || !(KUBE_VERSIONS as readonly string[]).includes(minor)) {
    throw new Error(`Kubernetes version ${JSON.stringify(v)}: expected one of ${KUBE_VERSIONS.join(', ')}`);
  }
  return minor as KubeVersion;
}

export function minorOf(v: KubeVersion): number {
  return Number(v.slice(2));
}

/** the API server's gitVersion, e.g. v1.37.1 */
export function gitVersionOf(v: KubeVersion): string {
  return `v${v}.${PATCH[v]}`;
}

/** a kubelet one minor behind the control plane (allowed skew), as during a rolling node upgrade */
export function skewedKubeletVersion(v: KubeVersion): string {
  const older = `1.${minorOf(v) - 1}`;
  return `v${older}.${PATCH[older as KubeVersion] ?? 15}`;
}

/** the minor of a gitVersion such as v1.33.5; the default version's when absent or unreadable */
export function minorOfGitVersion(gitVersion: string | undefined): number {
  const m = /^v1\.(\d+)\./.exec(gitVersion ?? '');
  return m ? Number(m[1]) : minorOf(DEFAULT_KUBE_VERSION);
}

export interface VersionFeatures {
  /** status.containerStatuses[].resources/allocatedResources and the resize conditions */
  resizeStatus: boolean;
  /** spec.resources on the pod */
  podLevelResources: boolean;
  /** the kubelet's PSI (psi and io blocks in the Summary, cAdvisor's pressure counters) */
  psi: boolean;
}

export function featuresOf(minor: number): VersionFeatures {
  return { resizeStatus: minor >= 33, podLevelResources: minor >= 34, psi: minor >= 34 };
}

/** metrics.k8s.io versions served by default: v1 (preferred) and v1beta1 from 1.37, v1beta1 before */
export function defaultMetricsVersions(v: KubeVersion): MetricsVersion[] {
  return minorOf(v) >= 37 ? ['v1', 'v1beta1'] : ['v1beta1'];
}
