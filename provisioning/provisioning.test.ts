/** @jest-environment node */
import fs from 'fs';
import { globSync } from 'glob';
import path from 'path';
import { parse, parseAllDocuments } from 'yaml';

const here = __dirname;
const OUR_TYPES = ['kubeglance-kubernetes-datasource'];
const BUILTIN_TYPES = ['prometheus', 'loki'];

const readYaml = (file: string) => parse(fs.readFileSync(file, 'utf8'));

describe('Grafana provisioning', () => {
  const dsFiles = globSync('datasources/*.{yaml,yml}', { cwd: here }).map((f) => path.join(here, f));
  const datasources = dsFiles.flatMap((f) => readYaml(f).datasources as Array<Record<string, any>>);

  it('provisions the Kubeglance data source', () => {
    expect(datasources.map((d) => d.type)).toContain('kubeglance-kubernetes-datasource');
  });

  it('gives every data source a unique uid and a known type', () => {
    const uids = datasources.map((d) => d.uid);
    expect(uids.every((u) => typeof u === 'string' && u.length > 0)).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
    for (const d of datasources) {
      expect([...OUR_TYPES, ...BUILTIN_TYPES]).toContain(d.type);
    }
  });

  it('keeps secrets in secureJsonData, taken from the environment', () => {
    for (const d of datasources.filter((x) => x.type === 'kubeglance-kubernetes-datasource')) {
      expect(d.jsonData?.token).toBeUndefined();
      expect(d.secureJsonData.token).toMatch(/^\$\{?\w+\}?$|^\$__file\{.+\}$/);
      expect(d.access).toBe('proxy');
    }
  });

  it('enables the app', () => {
    const apps = readYaml(path.join(here, 'plugins/apps.yaml')).apps;
    expect(apps).toEqual([expect.objectContaining({ type: 'kubeglance-kubernetes-app', disabled: false })]);
  });
});

describe('RBAC manifests', () => {
  const files = globSync('kubernetes/rbac-*.yaml', { cwd: here }).sort();
  const docs = (file: string) =>
    parseAllDocuments(fs.readFileSync(path.join(here, file), 'utf8')).map((d) => d.toJS() as Record<string, any>);
  const rules = (file: string) =>
    docs(file)
      .filter((d) => d.kind === 'ClusterRole' || d.kind === 'Role')
      .flatMap((r) => r.rules as Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>);

  it('come in three tiers: read, logs, kubelet', () => {
    expect(files).toEqual(['kubernetes/rbac-kubelet.yaml', 'kubernetes/rbac-logs.yaml', 'kubernetes/rbac-read.yaml']);
  });

  it.each(files)('%s grants only get and list', (file) => {
    for (const rule of rules(file)) {
      for (const verb of rule.verbs) {
        expect(['get', 'list']).toContain(verb);
      }
    }
  });

  it.each(files)('%s grants nothing on secrets, configmaps or wildcards', (file) => {
    for (const rule of rules(file)) {
      for (const resource of rule.resources) {
        expect(['secrets', 'configmaps', '*']).not.toContain(resource);
      }
      expect(rule.apiGroups).not.toContain('*');
    }
  });

  it('keeps nodes/proxy in the kubelet tier only, marked as risky', () => {
    for (const file of files) {
      const hasProxy = rules(file).some((r) => r.resources.includes('nodes/proxy'));
      expect(hasProxy).toBe(file.endsWith('rbac-kubelet.yaml'));
    }
    const text = fs.readFileSync(path.join(here, 'kubernetes/rbac-kubelet.yaml'), 'utf8');
    expect(text).toMatch(/RISKY/);
  });

  it('binds every role to the kubeglance service account that the read tier creates', () => {
    const read = docs('kubernetes/rbac-read.yaml');
    const sa = read.find((d) => d.kind === 'ServiceAccount')!;
    for (const file of files) {
      for (const binding of docs(file).filter((d) => d.kind === 'ClusterRoleBinding')) {
        expect(binding.subjects).toEqual([
          { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace },
        ]);
        const role = docs(file).find((d) => d.kind === 'ClusterRole' && d.metadata.name === binding.roleRef.name);
        expect(role).toBeDefined();
      }
    }
  });

  it('the read tier covers what the data source reads', () => {
    const granted = new Set(
      rules('kubernetes/rbac-read.yaml').flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`))
      )
    );
    for (const needed of ['/namespaces', '/nodes', '/pods', '/events', 'metrics.k8s.io/nodes', 'metrics.k8s.io/pods']) {
      expect(granted).toContain(needed);
    }
  });
});
