/** @jest-environment node */
import fs from 'fs';
import path from 'path';
import {
  ComposeFile,
  composeRuleViolations,
  composeSchemaErrors,
  isPinnedImage,
  publishedHostIp,
  readCompose,
} from './compose';

const repo = path.resolve(__dirname, '../..');
const stack = readCompose(path.join(repo, 'docker-compose.yaml'));

/** a copy of the stack with one service changed */
function withService(name: string, change: (svc: Record<string, unknown>) => void): ComposeFile {
  const copy = structuredClone(stack);
  change(copy.services[name] as Record<string, unknown>);
  return copy;
}

describe('docker-compose.yaml', () => {
  it('matches the Compose specification schema', () => {
    expect(composeSchemaErrors(stack)).toEqual([]);
  });

  it('follows the stack rules: pinned images, loopback ports, conditions, health checks', () => {
    expect(composeRuleViolations(stack)).toEqual([]);
  });

  it('runs a k3s cluster, its bootstrap, Grafana, Prometheus, Loki and Alloy', () => {
    expect(Object.keys(stack.services).sort()).toEqual(
      ['alloy', 'bootstrap', 'build', 'grafana', 'k3s', 'loki', 'prometheus'].sort()
    );
    expect(stack.services.k3s.image).toMatch(/^rancher\/k3s:v\d+\.\d+\.\d+-k3s\d+$/);
    expect(stack.services.k3s.privileged).toBe(true);
    expect(stack.services.k3s.tmpfs).toEqual(expect.arrayContaining(['/run', '/var/run']));
  });

  it('runs Kubernetes 1.37, the newest line the plugins support', () => {
    expect(stack.services.k3s.image).toMatch(/^rancher\/k3s:v1\.37\.\d+-k3s\d+$/);
    expect(stack.services.bootstrap.image).toBe(stack.services.k3s.image);
  });

  it('starts Grafana 13 (the version the plugins are built against) only after the build and the bootstrap', () => {
    const grafana = stack.services.grafana;
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
    expect(grafana.image).toBe(`grafana/grafana:${pkg.dependencies['@grafana/ui']}`);
    expect(grafana.image).toMatch(/^grafana\/grafana:13\.\d+\.\d+$/);
    expect(grafana.depends_on).toMatchObject({
      build: { condition: 'service_completed_successfully' },
      bootstrap: { condition: 'service_completed_successfully' },
    });
    const env = grafana.environment as Record<string, string>;
    expect(env.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',').sort()).toEqual([
      'kubeglance-kubernetes-app',
      'kubeglance-kubernetes-datasource',
      'kubeglance-podlogs-panel',
    ]);
  });

  it('keeps every published port on the loopback interface', () => {
    const published = Object.values(stack.services).flatMap((s) => s.ports ?? []);
    expect(published).toContain('127.0.0.1:3000:3000');
    expect(published.map(publishedHostIp)).toEqual(published.map(() => '127.0.0.1'));
  });
});

describe('the schema check', () => {
  it('rejects a key the specification does not define at the service level', () => {
    const bad = withService('grafana', (s) => {
      s.imagee = 'grafana/grafana:12.4.10';
    });
    expect(composeSchemaErrors(bad)).toEqual(expect.arrayContaining([expect.stringMatching(/imagee/)]));
  });

  it('rejects a depends_on condition the specification does not know', () => {
    const bad = withService('grafana', (s) => {
      s.depends_on = { loki: { condition: 'service_ready' } };
    });
    expect(composeSchemaErrors(bad).length).toBeGreaterThan(0);
  });
});

describe('the stack rules', () => {
  it.each([
    ['grafana/grafana', false],
    ['grafana/grafana:latest', false],
    ['grafana/grafana:12.4.10', true],
    ['localhost:5000/team/app', false],
    ['localhost:5000/team/app:1.2', true],
    [`busybox@sha256:${'a'.repeat(64)}`, true],
    ['grafana/grafana:${TAG}', false],
  ])('image %s pinned: %s', (image, pinned) => {
    expect(isPinnedImage(image)).toBe(pinned);
  });

  it('flags an unpinned image, a port on every interface and a depends_on without condition', () => {
    const bad = withService('prometheus', (s) => {
      s.image = 'prom/prometheus:latest';
      s.ports = ['9090:9090', '0.0.0.0:9091:9091'];
      s.depends_on = ['bootstrap'];
    });
    const problems = composeRuleViolations(bad);
    expect(problems).toEqual([
      'prometheus: image prom/prometheus:latest is not pinned to a version tag',
      'prometheus: port "9090:9090" is published on every interface, not 127.0.0.1',
      'prometheus: port "0.0.0.0:9091:9091" is published on 0.0.0.0, not 127.0.0.1',
      'prometheus: depends_on lists services without a condition',
    ]);
  });

  it('flags a long-running service without a healthcheck, but not a one-shot step', () => {
    const bad = withService('loki', (s) => {
      delete s.healthcheck;
    });
    expect(composeRuleViolations(bad)).toEqual(['loki: runs for good but has no healthcheck']);
    expect(stack.services.bootstrap.healthcheck).toBeUndefined();
  });
});
