// `npm run dist [-- <electron-builder options, e.g. --dir, --win>]`: builds the renderer and main/preload,
// stages dist/app with a package.json naming only what the main process loads at run time (so renderer-
// only and demo-only packages stay out, and electron-builder installs and rebuilds native modules there,
// never in the developer's node_modules), then packages it with the signing and update feed the
// environment provides — saying clearly what is skipped when something is not configured.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APP_DIR = 'dist/app';

interface Pkg {
  name: string;
  version: string;
  description?: string;
  author?: string;
  license?: string;
  dependencies: Record<string, string>;
}

/** The packages the built main process names (imports, dynamic imports, require and resolve of a bare name). */
export function runtimeDependencies(mainDir: string, declared: Record<string, string>): Record<string, string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const file = path.join(dir, f);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(c|m)?js$/.test(f)) {
        const code = readFileSync(file, 'utf8');
        for (const m of code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|resolve\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
          const spec = m[1]!;
          names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk(mainDir);
  return Object.fromEntries(
    Object.entries(declared)
      .filter(([name]) => names.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The staged app's package.json: the entry, ES modules, and the run-time dependencies only. */
export function appPackageJson(pkg: Pkg, dependencies: Record<string, string>): Record<string, unknown> {
  return {
    name: pkg.name,
    productName: 'PoE Reviewer Workstation',
    version: pkg.version,
    description: pkg.description,
    author: pkg.author ?? 'PoE reviewer workstation authors',
    license: pkg.license ?? 'UNLICENSED',
    type: 'module',
    main: 'dist/electron/main/main.js',
    dependencies,
  };
}

export interface Signing {
  /** Changes to the electron-builder configuration. */
  config: Record<string, unknown>;
  /** Environment for electron-builder. */
  env: Record<string, string>;
  /** What is signed and what is skipped, for people. */
  notes: string[];
}

/** Code signing, notarisation and the update feed from the environment; each absent piece is skipped and said so. */
export function signingFromEnv(env: NodeJS.ProcessEnv): Signing {
  const config: Record<string, unknown> = {};
  const out: Record<string, string> = {};
  const notes: string[] = [];
  const azure = [
    'AZURE_TENANT_ID',
    'AZURE_CLIENT_ID',
    'AZURE_CLIENT_SECRET',
    'AZURE_SIGN_ENDPOINT',
    'AZURE_SIGN_ACCOUNT',
    'AZURE_SIGN_PROFILE',
    'AZURE_SIGN_PUBLISHER',
  ];
  if (azure.every((k) => env[k])) {
    config.win = {
      azureSignOptions: {
        endpoint: env.AZURE_SIGN_ENDPOINT,
        codeSigningAccountName: env.AZURE_SIGN_ACCOUNT,
        certificateProfileName: env.AZURE_SIGN_PROFILE,
        publisherName: env.AZURE_SIGN_PUBLISHER,
      },
    };
    notes.push('Windows: signing with Azure Trusted Signing.');
  } else if (env.WIN_CSC_LINK || env.CSC_LINK) {
    notes.push('Windows: signing with signtool and the certificate in WIN_CSC_LINK / CSC_LINK.');
  } else {
    notes.push(
      `Windows: code signing SKIPPED — set ${azure.join(', ')} (Azure Trusted Signing) or WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD (a .pfx for signtool). Unsigned installers trigger SmartScreen and may be blocked by Intune policies.`,
    );
  }
  const notarise = Boolean(
    (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) || (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER),
  );
  if (env.CSC_LINK || env.CSC_NAME) {
    config.mac = { notarize: notarise };
    notes.push(
      `macOS: signing with CSC_LINK / CSC_NAME${notarise ? ', notarising with Apple' : '; notarisation SKIPPED — set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID (or APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER)'}.`,
    );
  } else {
    config.mac = { identity: null, notarize: false };
    notes.push(
      'macOS: signing and notarisation SKIPPED — set CSC_LINK and CSC_KEY_PASSWORD (Developer ID Application), and APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID.',
    );
  }
  if (!env.CSC_LINK && !env.WIN_CSC_LINK && !env.CSC_NAME) out.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  if (env.POE_UPDATE_URL) {
    notes.push(`Updates: electron-updater will read ${env.POE_UPDATE_URL}.`);
  } else {
    config.publish = null;
    notes.push('Updates: OFF — set POE_UPDATE_URL to the generic feed (a web folder holding latest.yml and the installers) to enable electron-updater.');
  }
  return { config, env: out, notes };
}

const merge = (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object'
        ? merge(out[k] as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
};

/** electron-builder.yml with the environment's signing and feed applied. */
export function effectiveConfig(env: NodeJS.ProcessEnv): { config: Record<string, unknown>; signing: Signing } {
  const base = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const signing = signingFromEnv(env);
  // The app folder's package.json names no devDependencies: tell electron-builder the Electron it packs.
  const electronVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  return { config: merge({ ...base, electronVersion }, signing.config), signing };
}

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main(): Promise<void> {
  run(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build']);
  const { buildElectron } = await import('../electron/build');
  await buildElectron();
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Pkg;
  const app = path.join(ROOT, APP_DIR);
  rmSync(app, { recursive: true, force: true });
  mkdirSync(path.join(app, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'dist/electron'), path.join(app, 'dist/electron'), { recursive: true });
  cpSync(path.join(ROOT, 'dist/renderer'), path.join(app, 'dist/renderer'), { recursive: true });
  const deps = runtimeDependencies(path.join(app, 'dist/electron'), pkg.dependencies);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify(appPackageJson(pkg, deps), null, 2)}\n`);
  const { config, signing } = effectiveConfig(process.env);
  const configFile = path.join(ROOT, 'dist/electron-builder.effective.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  process.stdout.write(
    `Packaging ${pkg.version} with ${Object.keys(deps).length} run-time dependencies (${Object.keys(deps).join(', ')}).\n${signing.notes.map((n) => `  ${n}`).join('\n')}\n`,
  );
  run(path.join(ROOT, 'node_modules/.bin/electron-builder'), ['--config', configFile, ...process.argv.slice(2)], signing.env);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
