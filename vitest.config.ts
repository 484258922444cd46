// Test runner setup: three projects under test/ — `unit` (pure rules, no process or socket: seconds),
// `integration` (the real service, core and host on loopback ports) and `e2e` (Debian's Chromium through
// the browser host). `npm test` runs all three; `npm run test:unit` the fast loop. The JSON report is what
// .ci/run counts; the default reporter is for people.
import { defineConfig } from 'vitest/config';

/** Pure tests: the domain in shared/, lint rules, statistics helpers, and any `*.unit.test.ts`. */
const UNIT = ['test/domain/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/bench/stats.test.ts', 'test/**/*.unit.test.ts'];
const E2E = ['test/e2e/**/*.test.ts'];
/** Builds the child processes' bundles and seeds the demo template once per run (test/support/run-global.ts). */
const BUNDLES = 'test/support/run-global.ts';
/**
 * The service suite run again on PostgreSQL (store conformance): every file that drives the service
 * over HTTP only. Files that open the SQLite file itself (demo ground truth, schema, restart, backup) stay SQLite-only.
 */
const ON_POSTGRES = [
  'test/service/http.test.ts',
  'test/service/leases.test.ts',
  'test/service/lifecycle.test.ts',
  'test/service/mutations.test.ts',
  'test/service/partner.test.ts',
  'test/service/cpor-process.test.ts',
  'test/service/notifications.test.ts',
  'test/audit/authorization.test.ts',
  'test/audit/statistics.test.ts',
  'test/security/access-rules.test.ts',
  'test/service/store-contract.test.ts',
  'test/service/offline-leases.test.ts',
  'test/postgres/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // The service logs at info by default; test runs keep it quiet unless LOG_LEVEL is set (tests of the log pass their own).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', POE_LOG_DIR: process.env.POE_LOG_DIR ?? 'test-output/logs' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    projects: [
      // Pure tests share one module graph per worker thread: no per-file isolation to pay for.
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...E2E, 'test/postgres/**'], globalSetup: [BUNDLES] } },
      {
        extends: true,
        test: {
          name: 'integration-postgres',
          include: ON_POSTGRES,
          env: { SERVICE_ENGINE: 'postgres' },
          globalSetup: [BUNDLES, 'test/support/postgres-global.ts'],
        },
      },
      // Files share their worker's Chromium (test/support/browser.ts), so a worker runs several of them.
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: [BUNDLES], isolate: false } },
    ],
  },
});
