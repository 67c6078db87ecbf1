// Runs every jest test once and prints "N passed, N failed" from jest's JSON results, so a reader
// (or CI) need not parse jest's own summary. A suite that fails to load counts as a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-results/jest.json';
mkdirSync('test-results', { recursive: true });
rmSync(out, { force: true });

const args = ['jest', '--ci', '--maxWorkers=2', '--json', `--outputFile=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit' });

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
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
