// Runs every jest test once and prints "N passed, N failed" from jest's JSON results, so a reader
// (or CI) need not parse jest's own summary. A suite that fails to load counts as a failure.
// Before that line, the browser checks (tools/browser-checks) are counted per host they ran under: their
// describe blocks are titled "host grafana-<version> react-<version>".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-results/jest.json';
mkdirSync('test-results', { recursive: true });
rmSync(out, { force: true });

const args = ['jest', '--ci', '--maxWorkers=2', '--json', `--outputFile=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit' });

/** "host ..." -> { passed, failed } over the browser checks' results. */
function browserChecksByHost(results) {
  const hosts = new Map();
  for (const file of results.testResults) {
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
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  for (const [host, count] of browserChecksByHost(r)) {
    console.log(`browser checks: ${host}: ${count.passed} passed, ${count.failed} failed`);
  }
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  if (r.numPendingTests || r.numTodoTests) {
    console.error(`${r.numPendingTests + r.numTodoTests} skipped or todo tests: remove or finish them.`);
    failed += r.numPendingTests + r.numTodoTests;
  }
} catch (e) {
  console.error(`could not read jest results from ${out}: ${e.message}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
