// Packaging cannot download Electron here, so its configuration is checked instead: electron-builder's
// own schema accepts electron-builder.yml, the targets, icons, native module handling and fuses are the
// ones we promise, and the main/preload build produces what a sandboxed Electron can load.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildElectron } from '../../electron/build';
import { REPO_ROOT } from '../support/workstation';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Config = Record<string, unknown> & {
  linux: { target: string[]; icon: string }; win: { target: string[]; icon: string }; mac: { target: string[]; icon: string };
  electronFuses: Record<string, boolean>; asarUnpack: string[]; files: string[]; directories: { buildResources: string };
};
const config = parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string> };

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))).toBe(true);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema, which refuses an unknown key", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows, dmg for macOS, with an app id', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('uses icons from resources/ that are PNGs of at least 512×512', () => {
    expect(config.directories.buildResources).toBe('resources');
    for (const icon of new Set([config.linux.icon, config.win.icon, config.mac.icon])) {
      expect(icon.startsWith('resources/')).toBe(true);
      const { width, height } = pngSize(path.join(REPO_ROOT, icon));
      expect(width).toBeGreaterThanOrEqual(512);
      expect(height).toBe(width);
    }
  });

  it('rebuilds better-sqlite3 for Electron and keeps it outside the ASAR', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
  });

  it('flips the fuses: no RunAsNode, encrypted cookies, ASAR integrity, app only from the ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false, enableCookieEncryption: true, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
    });
  });

  it('packs the built app, whose entry is the built main process', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*']));
    expect(pkg.main).toBe('dist/electron/main/main.js');
    expect(pkg.scripts.dist).toMatch(/npm run build && npm run build:electron && electron-builder --config electron-builder.yml/);
  });
});

describe('the main and preload build', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'electron-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles the preload into one CommonJS file that requires nothing but electron', async () => {
    await buildElectron(out);
    const preload = readFileSync(path.join(out, 'preload/preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("workstation"');
    const main = readFileSync(path.join(out, 'main/main.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).toContain('requestSingleInstanceLock');
  });
});
