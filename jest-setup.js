// The scaffold's setup mocks browser APIs; tests that run in the node environment (kube-sim, the proxy
// harness, plugin.json checks) have no DOM to mock.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}
