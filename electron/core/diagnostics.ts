// What support needs and nothing more: Save diagnostics (version, OS, settings, sync status, outbox
// counts, the last log lines; never PoE content, passwords or tokens) and About (version, runtimes,
// licences of the components that ship). Handlers for the shared table; both transports carry them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { MethodOutput } from '../../shared/contracts';
import type { WorkstationCore } from './core';
import type { Logger } from './logger';

/** What the host says about itself. */
export interface HostInfo {
  host: 'electron' | 'browser-host';
  version: string;
  /** The logger, when it can read its own last lines. */
  logger?: Logger & { file?: string; lastLines?(count: number): string[] };
}

const require = createRequire(import.meta.url);
export const LOG_LINES_IN_DIAGNOSTICS = 300;

/** The version in the nearest package.json above this module (the browser host runs from the repository). */
export function packageVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version: string }).version;
    } catch {
      // try the next layout
    }
  }
  return '0.0.0';
}

/** Lines that could carry a secret are masked even if something wrote one by mistake. */
const scrub = (line: string): string => line.replace(/(bearer\s+|token["':=\s]+|password["':=\s]+)[^\s",}]+/gi, '$1[redacted]');

export function diagnostics(core: WorkstationCore, info: HostInfo, now = new Date()): MethodOutput<'app.diagnostics'> {
  const session = core.ctx.session;
  const settings = core.settings();
  const status = core.status();
  const counts = core.store.outboxCounts();
  const report = {
    generatedAt: now.toISOString(),
    app: {
      name: 'PoE Reviewer Workstation',
      version: info.version,
      host: info.host,
      versions: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    },
    os: {
      platform: process.platform,
      release: os.release(),
      arch: process.arch,
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      memoryBytes: os.totalmem(),
    },
    settings: {
      language: settings.language,
      timeZone: settings.timeZone,
      batchSize: settings.batchSize,
      serviceUrl: settings.serviceUrl,
      customShortcuts: Object.keys(settings.shortcuts).length,
    },
    session: session ? { signedIn: true, role: session.user.role, serviceUrl: session.serviceUrl, hasToken: session.token !== null } : { signedIn: false },
    sync: status,
    outbox: { pending: counts.pending, conflictsOrRefused: counts.conflicts, pendingIncludingAudits: status.pending },
    log: { file: info.logger?.file ?? null, lastLines: (info.logger?.lastLines?.(LOG_LINES_IN_DIAGNOSTICS) ?? []).map(scrub) },
  };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { fileName: `poe-workstation-diagnostics-${stamp}.json`, json: `${JSON.stringify(report, null, 2)}\n` };
}

/** Licences of the production dependencies that can be resolved here. */
function licences(): { name: string; version: string; license: string }[] {
  const out: { name: string; version: string; license: string }[] = [];
  let deps: Record<string, string> = {};
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      deps = (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
      break;
    } catch {
      // try the next layout
    }
  }
  for (const name of Object.keys(deps).sort()) {
    try {
      const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string; license?: string };
      out.push({ name, version: pkg.version, license: pkg.license ?? 'see package' });
    } catch {
      // bundled into the renderer, or not shipped with this host
    }
  }
  return out;
}

export function about(info: HostInfo): MethodOutput<'app.about'> {
  return {
    name: 'PoE Reviewer Workstation',
    version: info.version,
    host: info.host,
    versions: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    licences: licences(),
  };
}

export const diagnosticsHandlers = (core: WorkstationCore, info: HostInfo) => ({
  'app.diagnostics': () => diagnostics(core, info),
  'app.about': () => about(info),
});
