/**
 * Derives a test copy of the demo stack's prometheus.yml: the same scrape jobs and relabelling, pointed at
 * another API server (kube-sim in CI) with its own token and CA files.
 *
 * Debian's `prometheus` package is built without Kubernetes service discovery (its changelog: "Kubernetes
 * support has been completely removed"), so the copy swaps each `kubernetes_sd_configs` (role: node) for an
 * `http_sd_configs` whose server lists the same API server's nodes and answers with the targets Prometheus'
 * node role would build (nodeSd.ts). Everything after discovery (relabelling to the API server's node proxy,
 * bearer token, CA, scraping) runs as in the stack.
 */
import { parse, stringify } from 'yaml';

export interface TestTarget {
  /** the API server URL, e.g. https://127.0.0.1:6443 */
  apiServer: string;
  tokenFile: string;
  caFile: string;
  /** the http_sd endpoint that stands in for kubernetes_sd_configs */
  nodeSdUrl: string;
  /** e.g. '2s', so that rate() has two samples quickly */
  scrapeInterval?: string;
}

interface RelabelRule {
  source_labels?: string[];
  target_label?: string;
  replacement?: string;
  regex?: string;
  action?: string;
}

interface HttpClient {
  authorization?: { type?: string; credentials_file?: string; credentials?: string };
  bearer_token_file?: string;
  tls_config?: { ca_file?: string; insecure_skip_verify?: boolean };
}

interface KubernetesSd extends HttpClient {
  role?: string;
  api_server?: string;
}

interface ScrapeConfig extends HttpClient {
  job_name: string;
  scheme?: string;
  metrics_path?: string;
  kubernetes_sd_configs?: KubernetesSd[];
  http_sd_configs?: Array<{ url: string; refresh_interval?: string }>;
  relabel_configs?: RelabelRule[];
}

export interface PrometheusConfig {
  global?: Record<string, string>;
  scrape_configs: ScrapeConfig[];
}

export function parsePrometheusConfig(text: string): PrometheusConfig {
  const doc = parse(text) as PrometheusConfig;
  if (!doc || !Array.isArray(doc.scrape_configs)) {
    throw new Error('prometheus.yml has no scrape_configs');
  }
  return doc;
}

/** Points the client's token and CA at the test files; a job must authenticate and verify TLS. */
function rewriteClient(where: string, c: HttpClient, t: TestTarget): void {
  if (c.authorization?.credentials_file) {
    c.authorization.credentials_file = t.tokenFile;
  } else if (c.bearer_token_file) {
    c.bearer_token_file = t.tokenFile;
  } else {
    throw new Error(`${where}: no token file (authorization.credentials_file) to point at the test token`);
  }
  if (!c.tls_config?.ca_file || c.tls_config.insecure_skip_verify) {
    throw new Error(`${where}: no tls_config.ca_file (the API server's certificate must be verified)`);
  }
  c.tls_config.ca_file = t.caFile;
}

export function pointConfigAt(text: string, t: TestTarget): string {
  const config = parsePrometheusConfig(text);
  const api = new URL(t.apiServer);
  if (t.scrapeInterval) {
    config.global = { ...config.global, scrape_interval: t.scrapeInterval, scrape_timeout: t.scrapeInterval };
  }
  for (const job of config.scrape_configs) {
    const where = `job ${job.job_name}`;
    const sds = job.kubernetes_sd_configs ?? [];
    if (sds.length === 0) {
      continue;
    }
    for (const sd of sds) {
      if (sd.role !== 'node') {
        throw new Error(`${where}: only kubernetes_sd_configs role "node" can be checked, not ${sd.role}`);
      }
      if (!sd.api_server) {
        throw new Error(`${where}: kubernetes_sd_configs without api_server (in-cluster config cannot be checked)`);
      }
      // the discovery must use the same credentials as the stack; nodeSd.ts is given the test ones
      rewriteClient(`${where} kubernetes_sd_configs`, sd, t);
    }
    delete job.kubernetes_sd_configs;
    job.http_sd_configs = [{ url: t.nodeSdUrl, refresh_interval: '5s' }];
    rewriteClient(where, job, t);
    const toApiServer = (job.relabel_configs ?? []).filter((r) => r.target_label === '__address__');
    if (toApiServer.length === 0) {
      throw new Error(`${where}: no relabel rule sends the scrape to the API server (__address__)`);
    }
    for (const rule of toApiServer) {
      rule.replacement = api.host;
    }
    if (job.scheme !== api.protocol.replace(':', '')) {
      throw new Error(`${where}: scheme ${job.scheme} does not match the API server's ${api.protocol}`);
    }
  }
  return stringify(config);
}
