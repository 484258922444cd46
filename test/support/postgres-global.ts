// Vitest global setup of the `integration-postgres` project: one throwaway PostgreSQL cluster for the
// run (each service a test starts gets a database of its own on it), stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.url('postgres'));
  return () => cluster.stop();
}
