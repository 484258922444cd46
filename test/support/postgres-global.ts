// Vitest global setup of the `integration-postgres` project: one throwaway PostgreSQL cluster for the
// run (each service a test starts gets a database of its own on it), stopped when the run ends; and on
// it a template database holding the demo's cast, which services asking for just that are created from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemoTemplate } from './demo-template';
import { createDatabaseAt, startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** The template database with the demo's cast (CREATE DATABASE … TEMPLATE it). */
    postgresDemoTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  try {
    const template = await createDatabaseAt(cluster.url('postgres'), 'demo_template');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'poe-pg-template-'));
    await seedDemoTemplate({ dataDir, databaseUrl: template }).finally(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    project.provide('postgresAdminUrl', cluster.url('postgres'));
    project.provide('postgresDemoTemplate', new URL(template).pathname.slice(1));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return () => cluster.stop();
}
