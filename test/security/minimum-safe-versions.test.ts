// The minimum safe versions of the dependencies that ship, checked without an advisory database (npm audit
// cannot reach one here): each entry names the advisory it guards against; both the installed version and
// the lowest version package.json allows must be at or above it. Add an entry with each advisory you learn of.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/workstation';

interface Floor {
  name: string;
  min: string;
  why: string;
}

const FLOORS: readonly Floor[] = [
  { name: 'electron', min: '45.0.0', why: 'Electron supports only its three newest majors; 45 is current and older ones ship without Chromium fixes' },
  {
    name: 'pdfjs-dist',
    min: '6.2.108',
    why: 'CVE-2026-16633 / GHSA-hq66-cqwq-w95j: arbitrary JavaScript on opening a crafted PDF (and CVE-2024-4367 before it)',
  },
  { name: 'fastify', min: '5.3.2', why: 'CVE-2025-32442: content-type parsing lets a body bypass schema validation' },
  { name: 'zod', min: '3.22.3', why: 'CVE-2023-4316: ReDoS in email validation' },
  { name: 'luxon', min: '3.2.1', why: 'CVE-2023-22467: ReDoS in DateTime.fromRFC2822' },
];

/** SQLite is compiled into better-sqlite3: the engine's own version is what matters. */
const SQLITE_MIN = { min: '3.50.2', why: 'CVE-2025-6965: memory corruption from aggregate terms exceeding column count' };

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function parts(version: string): number[] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a version: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function atLeast(version: string, min: string): boolean {
  const a = parts(version);
  const b = parts(min);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

const installed = (name: string): string => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;

describe('minimum safe versions of what ships', () => {
  it('compares versions numerically, not as text', () => {
    expect(atLeast('45.0.0', '45.0.0')).toBe(true);
    expect(atLeast('5.10.0', '5.3.2')).toBe(true);
    expect(atLeast('38.4.0', '45.0.0')).toBe(false);
    expect(atLeast('4.2.9', '4.2.67')).toBe(false);
    expect(atLeast('^6.2.108', '6.2.108')).toBe(true);
  });

  it('lists only dependencies the app ships (production dependencies, and the Electron runtime)', () => {
    for (const { name } of FLOORS) expect(name === 'electron' || name in pkg.dependencies, name).toBe(true);
    expect(pkg.devDependencies.electron).toBeDefined();
  });

  for (const { name, min, why } of FLOORS) {
    it(`${name} >= ${min} (${why})`, () => {
      expect(atLeast(installed(name), min), `installed ${name} ${installed(name)}`).toBe(true);
      const declared = pkg.dependencies[name] ?? pkg.devDependencies[name]!;
      expect(atLeast(declared, min), `package.json allows ${name} ${declared}`).toBe(true);
    });
  }

  it(`the SQLite inside better-sqlite3 >= ${SQLITE_MIN.min} (${SQLITE_MIN.why})`, () => {
    const db = new Database(':memory:');
    const { v } = db.prepare('select sqlite_version() as v').get() as { v: string };
    db.close();
    expect(atLeast(v, SQLITE_MIN.min), `SQLite ${v}`).toBe(true);
  });
});
