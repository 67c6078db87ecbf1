// Jest runs every test in UTC so time formatting is the same on every machine.
process.env.TZ = 'UTC';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const base = require('./.config/jest.config');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const swc = base.transform['^.+\\.(t|j)sx?$'];

// scripts/run-tests.mjs runs the browser checks (Chromium) apart from the other tests: KUBEGLANCE_JEST=unit
// leaves them out, KUBEGLANCE_JEST=browser runs only them; unset, jest runs everything.
const BROWSER_CHECKS = '<rootDir>/tools/browser-checks/';
const only = process.env.KUBEGLANCE_JEST;

export default {
  ...base,
  // tools/ (kube-sim, the proxy harness) and dashboards/ have tests of their own
  testMatch:
    only === 'browser'
      ? [`${BROWSER_CHECKS}**/*.test.ts`]
      : [
          '<rootDir>/src/**/*.{spec,test}.{ts,tsx}',
          '<rootDir>/tools/**/*.test.ts',
          '<rootDir>/dashboards/**/*.test.ts',
          '<rootDir>/provisioning/**/*.test.ts',
        ],
  // d3-color and friends ship only .mjs; @grafana/ui needs them transformed
  transform: { ...base.transform, '^.+\\.mjs$': swc },
  // @grafana/data 13 uses @react-hookz/web, which (with its @ver0/deep-equal) ships only ES modules
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@react-hookz/web', '@ver0/deep-equal'])],
  // webpack's `new Worker(new URL(..., import.meta.url))` cannot be parsed as CommonJS; jsdom has no Worker anyway
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '(^|/)spawnWorker$': '<rootDir>/src/panel/engine/spawnWorker.stub.ts',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    '<rootDir>/tests/',
    ...(only === 'unit' ? [BROWSER_CHECKS] : []),
  ],
};
