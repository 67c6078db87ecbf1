// Runs every jest test once and prints "N passed, N failed" from jest's JSON results, so a reader
// (or CI) need not parse jest's own summary. A suite that fails to load counts as a failure.
//
// Two jest runs, one after the other: first every test but the browser checks (two workers), then the browser
// checks (tools/browser-checks) one file at a time. Chromium, kube-sim and the playground take both cores while
// they run; beside them the jsdom tests would be starved. jest.config.ts picks the files by KUBEGLANCE_JEST.
//
// Before the closing line, the browser checks are counted per host they ran under: their describe blocks are
// titled "host grafana-<version> react-<version>".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const extra = process.argv.slice(2);

const RUNS = [
  { name: 'unit', out: 'test-results/jest.json', workers: '--maxWorkers=2' },
  { name: 'browser', out: 'test-results/jest-browser.json', workers: '--maxWorkers=1' },
];

let exitOk = true;
const results = [];
for (const run of RUNS) {
  rmSync(run.out, { force: true });
  // with paths given, one of the runs may have nothing to do
  const args = ['jest', '--ci', run.workers, '--json', `--outputFile=${run.out}`, '--passWithNoTests', ...extra];
  const done = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, KUBEGLANCE_JEST: run.name } });
  exitOk &&= done.status === 0;
  try {
    results.push(JSON.parse(readFileSync(run.out, 'utf8')));
  } catch (e) {
    console.error(`could not read jest results from ${run.out}: ${e.message}`);
    results.push(undefined);
  }
}

/** "host ..." -> { passed, failed } over the browser checks' results. */
function browserChecksByHost(result) {
  const hosts = new Map();
  for (const file of result.testResults) {
    if (!file.name.includes('/tools/browser-checks/')) {
      continue;
    }
    for (const t of file.assertionResults) {
      const host = t.ancestorTitles.find((a) => a.startsWith('host ')) ?? '(no host)';
      const count = hosts.get(host) ?? { passed: 0, failed: 0 };
      if (t.status === 'passed') {
        count.passed += 1;
      } else if (t.status === 'failed') {
        count.failed += 1;
      }
      hosts.set(host, count);
    }
  }
  return hosts;
}

let passed = 0;
let failed = 0;
for (const r of results) {
  if (!r) {
    failed += 1;
    continue;
  }
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  if (r.numPendingTests || r.numTodoTests) {
    console.error(`${r.numPendingTests + r.numTodoTests} skipped or todo tests: remove or finish them.`);
    failed += r.numPendingTests + r.numTodoTests;
  }
  for (const [host, count] of browserChecksByHost(r)) {
    console.log(`browser checks: ${host}: ${count.passed} passed, ${count.failed} failed`);
  }
}
if (passed + failed === 0) {
  console.error('no test ran');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitOk && failed === 0 ? 0 : 1);
