/**
 * An http_sd endpoint that lists an API server's nodes and answers with the targets Prometheus'
 * kubernetes_sd_configs role "node" builds from them (prometheus discovery/kubernetes/node.go): address =
 * the first known node address and the kubelet port, instance = the node name, and the
 * __meta_kubernetes_node_* labels. It stands in for Kubernetes discovery, which Debian's Prometheus lacks.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { simGet } from '../kube-sim/server/client';

export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

interface NodeAddress {
  type: string;
  address: string;
}

export interface NodeObject {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { providerID?: string };
  status?: { addresses?: NodeAddress[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
}

/** Prometheus' strutil.SanitizeLabelName */
function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

// the order node.go's nodeAddress picks the target address in
const ADDRESS_ORDER = ['InternalIP', 'InternalDNS', 'ExternalIP', 'ExternalDNS', 'LegacyHostIP', 'Hostname'];

export function nodeTargetGroups(nodes: NodeObject[]): TargetGroup[] {
  const groups: TargetGroup[] = [];
  for (const node of nodes) {
    const addresses = node.status?.addresses ?? [];
    const first = ADDRESS_ORDER.map((type) => addresses.find((a) => a.type === type)).find((a) => a !== undefined);
    if (!first) {
      // node.go skips a node it cannot address
      continue;
    }
    const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250;
    const host = first.address.includes(':') ? `[${first.address}]` : first.address;
    const labels: Record<string, string> = {
      instance: node.metadata.name,
      __meta_kubernetes_node_name: node.metadata.name,
      __meta_kubernetes_node_provider_id: node.spec?.providerID ?? '',
    };
    for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
      labels[`__meta_kubernetes_node_label_${sanitize(k)}`] = v;
      labels[`__meta_kubernetes_node_labelpresent_${sanitize(k)}`] = 'true';
    }
    for (const [k, v] of Object.entries(node.metadata.annotations ?? {})) {
      labels[`__meta_kubernetes_node_annotation_${sanitize(k)}`] = v;
      labels[`__meta_kubernetes_node_annotationpresent_${sanitize(k)}`] = 'true';
    }
    for (const a of addresses) {
      // the first address of each type wins, as in node.go
      labels[`__meta_kubernetes_node_address_${sanitize(a.type)}`] ??= a.address;
    }
    groups.push({ targets: [`${host}:${port}`], labels });
  }
  return groups;
}

export interface NodeSd {
  url: string;
  /** how many times Prometheus asked */
  requests(): number;
  stop(): Promise<void>;
}

/** Serves nodeTargetGroups() of the API server's current node list on 127.0.0.1. */
export async function startNodeSd(api: { apiServer: string; token: string; ca?: string }): Promise<NodeSd> {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    simGet(`${api.apiServer}/api/v1/nodes`, { token: api.token, ca: api.ca })
      .then((r) => {
        if (r.status !== 200) {
          throw new Error(`listing nodes answered ${r.status}: ${r.body.slice(0, 200)}`);
        }
        const list = JSON.parse(r.body) as { items: NodeObject[] };
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(nodeTargetGroups(list.items)));
      })
      .catch((e: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(e instanceof Error ? e.message : String(e));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/targets`,
    requests: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
