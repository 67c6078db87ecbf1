/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';
import { nodeTargetGroups } from './nodeSd';
import { requireBinary } from './prometheus';
import { PrometheusConfig, pointConfigAt } from './prometheusConfig';

const stackConfig = fs.readFileSync(path.resolve(__dirname, '../../provisioning/prometheus/prometheus.yml'), 'utf8');
const target = {
  apiServer: 'https://127.0.0.1:7443',
  tokenFile: '/tmp/t/token',
  caFile: '/tmp/t/ca.crt',
  nodeSdUrl: 'http://127.0.0.1:9999/targets',
  scrapeInterval: '2s',
};

describe('the stack prometheus.yml', () => {
  const config = parse(stackConfig) as PrometheusConfig;

  it('discovers nodes from the k3s API server and scrapes cAdvisor and resource metrics through its node proxy', () => {
    const paths = config.scrape_configs.map(
      (j) => j.relabel_configs?.find((r) => r.target_label === '__metrics_path__')?.replacement
    );
    expect(paths.sort()).toEqual([
      '/api/v1/nodes/${1}/proxy/metrics/cadvisor',
      '/api/v1/nodes/${1}/proxy/metrics/resource',
    ]);
    for (const job of config.scrape_configs) {
      expect(job.kubernetes_sd_configs).toEqual([
        expect.objectContaining({ role: 'node', api_server: 'https://k3s:6443' }),
      ]);
      expect(job.relabel_configs).toContainEqual({ target_label: '__address__', replacement: 'k3s:6443' });
      expect(job.scheme).toBe('https');
    }
  });
});

describe('pointConfigAt', () => {
  const derived = parse(pointConfigAt(stackConfig, target)) as PrometheusConfig;

  it('keeps the jobs and their relabelling, with the API server, token and CA of the test', () => {
    const original = parse(stackConfig) as PrometheusConfig;
    expect(derived.scrape_configs.map((j) => j.job_name)).toEqual(original.scrape_configs.map((j) => j.job_name));
    derived.scrape_configs.forEach((job, i) => {
      expect(job.authorization?.credentials_file).toBe(target.tokenFile);
      expect(job.tls_config?.ca_file).toBe(target.caFile);
      const rules = job.relabel_configs!.map((r) =>
        r.target_label === '__address__' ? { ...r, replacement: 'k3s:6443' } : r
      );
      expect(rules).toEqual(original.scrape_configs[i].relabel_configs);
      expect(job.relabel_configs).toContainEqual({ target_label: '__address__', replacement: '127.0.0.1:7443' });
    });
  });

  it("replaces Kubernetes discovery (compiled out of Debian's Prometheus) with the http_sd stand-in", () => {
    for (const job of derived.scrape_configs) {
      expect(job.kubernetes_sd_configs).toBeUndefined();
      expect(job.http_sd_configs).toEqual([{ url: target.nodeSdUrl, refresh_interval: '5s' }]);
    }
    expect(derived.global).toMatchObject({ scrape_interval: '2s', scrape_timeout: '2s' });
  });

  it('refuses a job that skips TLS verification or has no token file', () => {
    const insecure = stackConfig.replace(/ca_file: .*/, 'insecure_skip_verify: true');
    expect(() => pointConfigAt(insecure, target)).toThrow(/tls_config.ca_file/);
    const anonymous = stackConfig.replace(/credentials_file: .*/g, 'type: Bearer');
    expect(() => pointConfigAt(anonymous, target)).toThrow(/token file/);
  });

  it('refuses a job that does not send its scrapes to the API server', () => {
    const direct = stackConfig.replace(/target_label: __address__/g, 'target_label: kept');
    expect(() => pointConfigAt(direct, target)).toThrow(/__address__/);
  });
});

describe('nodeTargetGroups (what role: node discovers)', () => {
  it('addresses the kubelet on the first known address and carries the node meta labels', () => {
    const groups = nodeTargetGroups([
      {
        metadata: { name: 'k3s', labels: { 'kubernetes.io/os': 'linux' }, annotations: { 'k3s.io/hostname': 'k3s' } },
        spec: { providerID: 'k3s://k3s' },
        status: {
          addresses: [
            { type: 'Hostname', address: 'k3s' },
            { type: 'InternalIP', address: '172.18.0.2' },
          ],
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        },
      },
      { metadata: { name: 'no-address' }, status: { addresses: [] } },
    ]);
    expect(groups).toEqual([
      {
        targets: ['172.18.0.2:10250'],
        labels: {
          instance: 'k3s',
          __meta_kubernetes_node_name: 'k3s',
          __meta_kubernetes_node_provider_id: 'k3s://k3s',
          __meta_kubernetes_node_label_kubernetes_io_os: 'linux',
          __meta_kubernetes_node_labelpresent_kubernetes_io_os: 'true',
          __meta_kubernetes_node_annotation_k3s_io_hostname: 'k3s',
          __meta_kubernetes_node_annotationpresent_k3s_io_hostname: 'true',
          __meta_kubernetes_node_address_Hostname: 'k3s',
          __meta_kubernetes_node_address_InternalIP: '172.18.0.2',
        },
      },
    ]);
  });
});

describe('requireBinary', () => {
  it('says how to install Prometheus when it is not on PATH', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-bin-'));
    const saved = process.env.PATH;
    process.env.PATH = empty;
    try {
      expect(() => requireBinary('prometheus')).toThrow(/prometheus is not installed: run scripts\/install-ci-deps.sh/);
    } finally {
      process.env.PATH = saved;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
