// Prints CI's closing line "N passed, N failed" from vitest's JSON report. A run that failed before
// vitest started (type check, lint, build) has no report and counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
if (!file || !existsSync(file)) {
  console.log(`0 passed, ${status === '0' ? 0 : 1} failed`);
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A suite that fails to load has no failed test of its own: count it, so a red run never reads as green.
  const failed = r.numFailedTests || (status !== '0' ? Math.max(1, r.numFailedTestSuites) : 0);
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
