// Test runner setup: unit, integration and end-to-end suites under test/, run in Node.
// The JSON report is what .ci/run counts; the default reporter is for people.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The service logs at info by default; test runs keep it quiet unless LOG_LEVEL is set (tests of the log pass their own).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', POE_LOG_DIR: process.env.POE_LOG_DIR ?? 'test-output/logs' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
  },
});
