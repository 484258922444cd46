// Packaging cannot download Electron here, so its configuration is checked instead: electron-builder's
// own schema accepts electron-builder.yml and the configuration npm run dist derives from the environment
// (signing, update feed), the targets, icons, native module handling and fuses are the ones we promise,
// only run-time dependencies are staged, and the main/preload build produces what Electron can load.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildElectron } from '../../electron/build';
import { appPackageJson, effectiveConfig, runtimeDependencies } from '../../scripts/dist';
import { REPO_ROOT } from '../support/workstation';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Config = Record<string, unknown> & {
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  files: string[];
  directories: { buildResources: string };
};
const config = parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

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

  it('builds AppImage and deb for Linux, NSIS and MSI for Windows, dmg and zip for macOS, with an app id', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: false, upgradeCode: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(config.mac.target).toEqual(['dmg', 'zip']);
  });

  it('publishes to a generic update feed from the configuration (POE_UPDATE_URL), or turns updates off and says so', async () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.POE_UPDATE_URL}' }]);
    const on = effectiveConfig({ POE_UPDATE_URL: 'https://updates.example.invalid/workstation' });
    expect(on.config.publish).toEqual(config.publish);
    expect(on.signing.notes.join('\n')).toContain('electron-updater will read https://updates.example.invalid/workstation');
    const off = effectiveConfig({});
    expect(off.config.publish).toBeNull();
    expect(off.signing.notes.join('\n')).toMatch(/Updates: OFF — set POE_UPDATE_URL/);
    await expect(validateConfiguration(on.config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration(off.config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('signs from the environment only, and says clearly what it skips', async () => {
    const none = effectiveConfig({});
    const notes = none.signing.notes.join('\n');
    expect(notes).toMatch(/Windows: code signing SKIPPED — set AZURE_TENANT_ID/);
    expect(notes).toMatch(/macOS: signing and notarisation SKIPPED/);
    expect(none.signing.env.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
    expect(none.config.mac).toMatchObject({ identity: null, notarize: false });
    const azure = effectiveConfig({
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
      AZURE_SIGN_ENDPOINT: 'https://weu.codesigning.azure.net',
      AZURE_SIGN_ACCOUNT: 'acct',
      AZURE_SIGN_PROFILE: 'prof',
      AZURE_SIGN_PUBLISHER: 'Contoso',
      CSC_LINK: 'mac.p12',
      APPLE_ID: 'a',
      APPLE_APP_SPECIFIC_PASSWORD: 'p',
      APPLE_TEAM_ID: 'T',
    });
    expect(azure.config.win).toMatchObject({
      target: ['nsis', 'msi'],
      azureSignOptions: {
        endpoint: 'https://weu.codesigning.azure.net',
        codeSigningAccountName: 'acct',
        certificateProfileName: 'prof',
        publisherName: 'Contoso',
      },
    });
    expect(azure.config.mac).toMatchObject({ notarize: true, target: ['dmg', 'zip'] });
    expect(azure.signing.env.CSC_IDENTITY_AUTO_DISCOVERY).toBeUndefined();
    await expect(validateConfiguration(azure.config, new DebugLogger(false))).resolves.toBeUndefined();
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

  it("rebuilds better-sqlite3 for Electron in the staged app (never the developer's node_modules) and keeps it outside the ASAR", () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect((config.directories as { app?: string }).app).toBe('dist/app');
    expect(effectiveConfig({}).config.electronVersion).toMatch(/^45\./);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
  });

  it('flips the fuses: no RunAsNode, encrypted cookies, ASAR integrity, app only from the ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('packs the built app, whose entry is the built main process', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*']));
    expect(pkg.main).toBe('dist/electron/main/main.js');
    expect(pkg.scripts.dist).toBe('tsx scripts/dist.ts');
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

  it('stages only what the main process loads at run time: no renderer-only, service or demo packages', () => {
    const deps = runtimeDependencies(out, pkg.dependencies);
    for (const name of ['better-sqlite3', 'electron-log', 'electron-updater', 'env-paths', 'luxon', 'zod']) expect(deps, name).toHaveProperty(name);
    for (const name of [
      'react',
      'react-dom',
      'react-i18next',
      'i18next',
      'zustand',
      'recharts',
      'fastify',
      '@fastify/static',
      '@fastify/helmet',
      'undici',
      'pureimage',
      'subset-font',
      'pdf-lib',
      '@embedpdf/fonts-tc',
    ])
      expect(deps, name).not.toHaveProperty(name);
    const staged = appPackageJson({ name: 'poe', version: '1.0.0', dependencies: pkg.dependencies }, deps);
    expect(staged).toMatchObject({ main: 'dist/electron/main/main.js', type: 'module', dependencies: deps });
    expect(staged).not.toHaveProperty('devDependencies');
  });
});
