import { parseArgs } from './cli';

describe('kube-sim CLI flags', () => {
  it('defaults to port 6443 and nothing else', () => {
    expect(parseArgs([])).toEqual({ sim: { port: 6443 }, deny: [], unreachable: [] });
  });

  it('reads every flag, in --flag=value and --flag value forms', () => {
    const cfg = parseArgs([
      '--port=0',
      '--tls',
      '--token',
      'abc',
      '--nodes=12',
      '--pods-per-node',
      '20',
      '--seed=5',
      '--latency=150',
      '--metrics-server=unavailable',
      '--deny=nodes/proxy,pods/log',
      '--unreachable-node=node-3',
      '--client-cert-auth',
    ]);
    expect(cfg).toEqual({
      sim: { port: 0, tls: true, token: 'abc', nodes: 12, podsPerNode: 20, seed: 5, clientCertAuth: true },
      latency: 150,
      metricsServer: 'unavailable',
      deny: ['nodes/proxy', 'pods/log'],
      unreachable: ['node-3'],
    });
  });

  it('reads --identity and the OIDC flags named as kube-apiserver names them', () => {
    const cfg = parseArgs([
      '--identity=cluster-admin',
      '--oidc-issuer-url=https://idp.example',
      '--oidc-client-id',
      'kubeglance,grafana',
      '--oidc-username-claim=email',
      '--oidc-username-prefix=oidc:',
    ]);
    expect(cfg.sim).toEqual({
      port: 6443,
      identity: 'cluster-admin',
      oidc: {
        issuer: 'https://idp.example',
        audiences: ['kubeglance', 'grafana'],
        usernameClaim: 'email',
        usernamePrefix: 'oidc:',
      },
    });
    expect(() => parseArgs(['--identity=root'])).toThrow('--identity is one of reader, cluster-admin');
    expect(() => parseArgs(['--oidc-issuer-url=https://idp.example'])).toThrow(/go together/);
  });

  it('rejects unknown flags, missing values and bad values', () => {
    expect(() => parseArgs(['--bogus'])).toThrow('unknown flag --bogus');
    expect(() => parseArgs(['--nodes'])).toThrow('--nodes needs a value');
    expect(() => parseArgs(['--nodes=many'])).toThrow(/non-negative number/);
    expect(() => parseArgs(['--metrics-server=maybe'])).toThrow(/present, absent, unavailable/);
  });
});

describe('kube-sim CLI: PSI and swap', () => {
  it('reads --psi=false, --psi and --metrics-swap', () => {
    expect(parseArgs(['--psi=false']).sim).toEqual({ port: 6443, psi: false });
    expect(parseArgs(['--psi']).sim).toEqual({ port: 6443, psi: true });
    expect(parseArgs(['--metrics-swap']).sim).toEqual({ port: 6443, metricsSwap: true });
    expect(parseArgs(['--metrics-swap=false']).sim).toEqual({ port: 6443, metricsSwap: false });
  });
});
