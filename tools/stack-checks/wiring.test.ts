/** @jest-environment node */
import fs from 'fs';
import { globSync } from 'glob';
import path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { isPinnedImage, readCompose } from './compose';
import { CREDENTIALS_DIR, appliedManifests, bootstrapOutputs, credentialFiles, provisioningEnvVars } from './wiring';

const repo = path.resolve(__dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
const stack = readCompose(path.join(repo, 'docker-compose.yaml'));
const bootstrap = read('provisioning/kubernetes/bootstrap/bootstrap.sh');
const alloy = read('provisioning/alloy/config.alloy');
const prometheus = read('provisioning/prometheus/prometheus.yml');
const grafanaEnv = stack.services.grafana.environment as Record<string, string>;

type K8sObject = { kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };
const manifests = (rel: string): K8sObject[] => parseAllDocuments(read(rel)).map((d) => d.toJS() as K8sObject);

const mountsCredentials = (service: string) =>
  (stack.services[service].volumes ?? []).some(
    (v) => typeof v === 'string' && v.startsWith(`credentials:${CREDENTIALS_DIR}`)
  );

describe('credentials from the bootstrap', () => {
  const written = bootstrapOutputs(bootstrap);

  it("writes the Kubeglance token, the collectors' tokens and the cluster CA", () => {
    expect(written.sort()).toEqual(['alloy-token', 'ca.crt', 'prometheus-token', 'token']);
  });

  it.each([
    ['prometheus', prometheus],
    ['alloy', alloy],
    ['grafana', Object.values(grafanaEnv).join('\n')],
  ])('%s reads only files the bootstrap writes, from the mounted credentials volume', (service, text) => {
    const used = credentialFiles(text);
    expect(used.length).toBeGreaterThan(0);
    expect(written).toEqual(expect.arrayContaining(used));
    expect(mountsCredentials(service)).toBe(true);
    expect(stack.services[service].depends_on).toMatchObject({
      bootstrap: { condition: 'service_completed_successfully' },
    });
  });

  it('gives Grafana the token and CA as $__file{} references, for its provisioning to expand', () => {
    expect(grafanaEnv.KUBEGLANCE_TOKEN).toBe(`$$__file{${CREDENTIALS_DIR}/token}`);
    expect(grafanaEnv.KUBEGLANCE_CA).toBe(`$$__file{${CREDENTIALS_DIR}/ca.crt}`);
    expect(grafanaEnv.KUBEGLANCE_API_URL).toBe('https://k3s:6443');
  });
});

describe('Grafana provisioning in the stack', () => {
  it.each(globSync('provisioning/datasources/*.yaml', { cwd: repo }).sort())(
    '%s uses only environment variables the grafana service sets',
    (file) => {
      for (const name of provisioningEnvVars(read(file))) {
        expect(grafanaEnv).toHaveProperty([name]);
      }
    }
  );

  it('points the Prometheus and Loki data sources at the stack services', () => {
    const prom = parse(read('provisioning/datasources/prometheus.yaml')).datasources[0];
    const loki = parse(read('provisioning/datasources/loki.yaml')).datasources[0];
    expect(prom).toMatchObject({ type: 'prometheus', uid: 'prometheus', url: 'http://prometheus:9090' });
    expect(loki).toMatchObject({ type: 'loki', uid: 'loki', url: 'http://loki:3100' });
    expect(stack.services.grafana.depends_on).toMatchObject({
      prometheus: { condition: 'service_healthy' },
      loki: { condition: 'service_healthy' },
    });
  });

  it('mounts only repository paths that exist (./dist is the build output)', () => {
    for (const [name, svc] of Object.entries(stack.services)) {
      for (const v of svc.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0] : v.source;
        if (source?.startsWith('.') && source !== './dist') {
          expect([name, fs.existsSync(path.join(repo, source))]).toEqual([name, true]);
        }
      }
    }
  });
});

describe('the bootstrap', () => {
  it("applies every RBAC tier (read first), the collectors' identities and the demo workloads", () => {
    const applied = appliedManifests(bootstrap);
    const tiers = globSync('provisioning/kubernetes/rbac-*.yaml', { cwd: repo }).map((f) => path.basename(f));
    expect(applied).toEqual(expect.arrayContaining([...tiers, 'bootstrap/collectors.yaml', 'demo/']));
    expect(applied[0]).toBe('rbac-read.yaml');
    for (const rel of applied) {
      expect(fs.existsSync(path.join(repo, 'provisioning/kubernetes', rel))).toBe(true);
    }
  });

  it('is mounted where its environment says the manifests are', () => {
    const env = stack.services.bootstrap.environment as Record<string, string>;
    expect(stack.services.bootstrap.volumes).toContain(`./provisioning/kubernetes:${env.MANIFESTS}:ro`);
    expect(stack.services.bootstrap.volumes).toContain(`credentials:${env.CREDENTIALS}`);
    expect(stack.services.bootstrap.image).toBe(stack.services.k3s.image);
  });
});

describe('collector identities (bootstrap/collectors.yaml)', () => {
  const docs = manifests('provisioning/kubernetes/bootstrap/collectors.yaml');
  const rules = (role: string) =>
    docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === role)!.rules as Array<{
      resources: string[];
      verbs: string[];
    }>;
  const grants = (role: string) =>
    rules(role).flatMap((r) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${res}`)));

  it('lets Prometheus list and watch nodes and read the kubelet through the node proxy', () => {
    expect(grants('kubeglance-demo-prometheus')).toEqual(
      expect.arrayContaining(['list nodes', 'watch nodes', 'get nodes/proxy'])
    );
  });

  it('lets Alloy list and watch pods and read their logs', () => {
    expect(grants('kubeglance-demo-alloy')).toEqual(
      expect.arrayContaining(['list pods', 'watch pods', 'get pods/log'])
    );
  });

  it('grants no write verbs', () => {
    for (const role of ['kubeglance-demo-prometheus', 'kubeglance-demo-alloy']) {
      for (const g of grants(role)) {
        expect(['get', 'list', 'watch']).toContain(g.split(' ')[0]);
      }
    }
  });
});

describe('demo workloads', () => {
  const files = globSync('provisioning/kubernetes/demo/*.yaml', { cwd: repo }).sort();
  const objects = files.flatMap(manifests);
  const deployments = objects.filter((o) => o.kind === 'Deployment');

  it('are steady, bursty, crash-looping and chatty, in their own namespace', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['bursty', 'chatty', 'crashloop', 'steady']);
    expect(objects.find((o) => o.kind === 'Namespace')?.metadata.name).toBe('kubeglance-demo');
    expect(deployments.every((d) => d.metadata.namespace === 'kubeglance-demo')).toBe(true);
    // kubectl apply -f demo/ goes in file order: the namespace comes first
    expect(manifests(files[0])[0].kind).toBe('Namespace');
  });

  it.each(['steady', 'bursty', 'crashloop', 'chatty'])(
    '%s runs pinned images with small requests and limits, as non-root',
    (name) => {
      const pod = deployments.find((d) => d.metadata.name === name)!.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const c of pod.containers) {
        expect(isPinnedImage(c.image)).toBe(true);
        expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
        expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
      }
    }
  );

  it('chatty logs JSON lines and plain lines with levels', () => {
    const chatty = deployments.find((d) => d.metadata.name === 'chatty')!.spec.template.spec.containers;
    const scripts = chatty.map((c: { args: string[] }) => c.args.join('\n'));
    expect(scripts.some((s: string) => /"level":"%s"/.test(s))).toBe(true);
    expect(scripts.some((s: string) => /\b(INFO|WARN|ERROR)\b/.test(s) && !s.includes('{"'))).toBe(true);
  });
});

describe('logs pipeline', () => {
  it('Alloy tails pods through the API server and labels streams namespace, pod, container', () => {
    expect(alloy).toMatch(/discovery\.kubernetes "pods" \{[^}]*role\s*=\s*"pod"/);
    expect(alloy).toMatch(/loki\.source\.kubernetes "pods"/);
    for (const label of ['namespace', 'pod', 'container']) {
      expect(alloy).toMatch(new RegExp(`target_label\\s*=\\s*"${label}"`));
    }
    expect(Array.from(alloy.matchAll(/api_server\s*=\s*"([^"]+)"/g), (m) => m[1])).toEqual([
      'https://k3s:6443',
      'https://k3s:6443',
    ]);
    expect(alloy).toMatch(/url\s*=\s*"http:\/\/loki:3100\/loki\/api\/v1\/push"/);
    // braces balance, so the file at least nests the way it reads
    expect((alloy.match(/\{/g) ?? []).length).toBe((alloy.match(/\}/g) ?? []).length);
  });

  it('Loki runs as one process on the filesystem, listening where Alloy and Grafana look', () => {
    const loki = parse(read('provisioning/loki/loki.yaml'));
    expect(loki.server.http_listen_port).toBe(3100);
    expect(loki.auth_enabled).toBe(false);
    expect(loki.common.storage.filesystem).toBeDefined();
    expect(loki.schema_config.configs.every((c: { object_store: string }) => c.object_store === 'filesystem')).toBe(
      true
    );
    expect(stack.services.loki.command).toEqual(['-config.file=/etc/loki/loki.yaml']);
  });
});
