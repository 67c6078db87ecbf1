/**
 * A kubeconfig for a TLS sim, for real clients (kubectl, the Python client) in tests. kubectl sends no
 * bearer token to an http:// server, so the sim must serve HTTPS; the kubeconfig carries its CA.
 */
import type { KubeSim } from '../index';

export function kubeconfig(sim: KubeSim, namespace = 'default'): string {
  if (!sim.caCert) {
    throw new Error('kubeconfig needs a sim started with tls: true');
  }
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sim',
    '  cluster:',
    `    server: ${sim.url}`,
    `    certificate-authority-data: ${Buffer.from(sim.caCert).toString('base64')}`,
    'users:',
    '- name: sim',
    '  user:',
    `    token: ${sim.token}`,
    'contexts:',
    '- name: sim',
    `  context: {cluster: sim, user: sim, namespace: ${namespace}}`,
    'current-context: sim',
    '',
  ].join('\n');
}
