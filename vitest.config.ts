// Test runner setup: projects under test/ — `unit` (pure rules, no process or socket: seconds),
// `integration` (the real service, core and host on loopback ports; `integration-isolated` for the few
// files that need a fresh module graph; `integration-postgres` on PostgreSQL) and `e2e` (Debian's Chromium through
// the browser host). `npm test` runs all three; `npm run test:unit` the fast loop. The JSON report is what
// .ci/run counts; the default reporter is for people.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Pure tests: the domain in shared/, lint rules, statistics helpers, and any `*.unit.test.ts`. */
const UNIT = ['test/domain/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/bench/stats.test.ts', 'test/**/*.unit.test.ts'];
const E2E = ['test/e2e/**/*.test.ts'];
/**
 * Integration files that need a module graph of their own: they mock modules (electron), change
 * process.env, or set a global fetch dispatcher (the reliability world). Every other integration file
 * runs in a worker that keeps its imports from the files before it (no per-file isolation: the service,
 * core and pdf.js modules load once per worker, not once per file).
 */
const ISOLATED = ['test/electron/**/*.test.ts', 'test/security/electron-shell.test.ts', 'test/reliability/**/*.test.ts'];
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
    // One file per core: the files mostly wait on their child processes, sockets and Chromium, so two at
    // once keep a 2-core machine busy (vitest's default, cores − 1, ran the whole suite one file at a time).
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
    projects: [
      // Pure tests share one module graph per worker thread: no per-file isolation to pay for.
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, ...E2E, ...ISOLATED, 'test/postgres/**'],
          globalSetup: [BUNDLES],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'integration-isolated', include: ISOLATED, globalSetup: [BUNDLES] } },
      {
        extends: true,
        test: {
          name: 'integration-postgres',
          include: ON_POSTGRES,
          env: { SERVICE_ENGINE: 'postgres' },
          globalSetup: [BUNDLES, 'test/support/postgres-global.ts'],
          isolate: false,
        },
      },
      // Files share their worker's Chromium (test/support/browser.ts), so a worker runs several of them.
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: [BUNDLES], isolate: false } },
    ],
  },
});
