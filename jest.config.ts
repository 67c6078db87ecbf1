// Jest runs every test in UTC so time formatting is the same on every machine.
process.env.TZ = 'UTC';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const base = require('./.config/jest.config');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const swc = base.transform['^.+\\.(t|j)sx?$'];

export default {
  ...base,
  // tools/ (kube-sim, the proxy harness) and dashboards/ have tests of their own
  testMatch: [
    '<rootDir>/src/**/*.{spec,test}.{ts,tsx}',
    '<rootDir>/tools/**/*.test.ts',
    '<rootDir>/dashboards/**/*.test.ts',
    '<rootDir>/provisioning/**/*.test.ts',
  ],
  // d3-color and friends ship only .mjs; @grafana/ui needs them transformed
  transform: { ...base.transform, '^.+\\.mjs$': swc },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules])],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/'],
};
