// `npm start`: the embedded demo review service (its own per-user data folder, seeded once, reused
// later) and the workstation on it — in Electron where its runtime is installed, else the browser
// host, opened in Chromium's app mode where a display and Chromium exist, else its URL printed.
// Options: --headless --port <p> --service <url> --profile <dir> (see USAGE). Bad options exit 2.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnTied } from '../common/child-process';
import { openInChromium } from '../electron/browser-host/chromium';
import { runBrowserHost, RENDERER_DIR } from '../electron/browser-host/main';
import { OptionsError, USAGE, parseOptions, type WorkstationOptions } from '../electron/core/cli-options';
import { defaultDemoServiceDir, defaultProfileDir } from '../electron/core/paths';
import { DatabaseFromFutureError } from '../electron/core/store/database';
import { startService, type RunningService } from '../server/service';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

function options(): WorkstationOptions {
  try {
    const o = parseOptions(process.argv.slice(2));
    if (o.help) {
      say(`Usage: npm start -- [options]\n${USAGE}`);
      process.exit(0);
    }
    return o;
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`npm start: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
}

/** Builds the renderer with vite when dist/renderer is missing, in a child process (while the demo is seeded here). */
async function ensureRenderer(): Promise<void> {
  if (existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  say('Building the renderer (first start) …');
  const child = spawnTied(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    process.stderr.write('npm start: the renderer build failed (npm run build)\n');
    process.exit(1);
  }
  say('renderer built');
}

/**
 * Demo claims are seeded before the workstation is ready (CLM-10001 on) until this many await a reviewer: a
 * first batch at the default batch size. The service seeds the rest in the background, resuming after a restart.
 */
const DEMO_FIRST_REVIEWABLE = 25;
/** Settles when the workstation is up: the demo's background seeding waits for it (one core less for the start). */
let workstationUp = () => {};
const workstationStarted = new Promise<void>((resolve) => (workstationUp = resolve));

/** Prints how far the demo's claims are, every tenth of the way (a first start seeds for a while), and when all are in. */
function demoProgress(): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth === shown) return;
    if (shown < 0 && done > 1) say(`Finishing the demo world in the background: ${done} of its ${total} claims stored …`);
    else if (shown < 0)
      say(
        `Seeding the demo world: ${total} claims with their PoE documents (a first batch of ${DEMO_FIRST_REVIEWABLE} to review before the workstation starts, the rest in the background) …`,
      );
    shown = tenth;
    if (tenth > 0) say(done === total ? `  demo claims: all ${total} seeded` : `  demo claims: ${done}/${total}`);
  };
}

/** The embedded demo service, on the port it had last time when that port is free (sessions stay valid). */
async function demoService(): Promise<RunningService> {
  const dataDir = defaultDemoServiceDir();
  mkdirSync(dataDir, { recursive: true });
  const portFile = path.join(path.dirname(dataDir), 'demo-service.json');
  let last = 0;
  try {
    last = (JSON.parse(readFileSync(portFile, 'utf8')) as { port: number }).port;
  } catch {
    // first start
  }
  let service: RunningService;
  const progress = demoProgress();
  try {
    service = await startService({
      port: last,
      dataDir,
      demo: true,
      demoFirstReviewable: DEMO_FIRST_REVIEWABLE,
      demoBackgroundAfter: workstationStarted,
      onDemoProgress: progress,
      log: { level: process.env.LOG_LEVEL ?? 'warn' },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE' || last === 0) throw error;
    service = await startService({
      port: 0,
      dataDir,
      demo: true,
      demoFirstReviewable: DEMO_FIRST_REVIEWABLE,
      demoBackgroundAfter: workstationStarted,
      onDemoProgress: progress,
      log: { level: process.env.LOG_LEVEL ?? 'warn' },
    });
  }
  writeFileSync(portFile, JSON.stringify({ port: service.port }));
  say(`demo review service at ${service.url} (data in ${dataDir}${service.seeded ? ', seeded now' : ''}); sign in as rev1 / demo`);
  return service;
}

/** The Electron binary when the runtime is installed (the npm package throws when its download is missing). */
function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function chromium(): string | null {
  const hasDisplay = process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return null;
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!)) ?? null;
}

async function main(): Promise<void> {
  const o = options();
  // Both take a while on a first start and each keeps one core busy: the renderer builds while the demo is seeded.
  const [, service] = await Promise.all([ensureRenderer(), o.service ? null : demoService()]);
  const serviceUrl = o.service ?? service!.url;
  const stopService = async () => {
    await service?.close();
  };

  const electron = o.headless ? null : electronBinary();
  if (electron) {
    const { buildElectron } = await import('../electron/build');
    await buildElectron();
    const args = [ROOT, '--service', serviceUrl, ...(o.profile ? ['--profile', path.resolve(o.profile)] : [])];
    say('starting the workstation in Electron …');
    const child = spawnTied(electron, args, { stdio: 'inherit' });
    workstationUp();
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.once('SIGINT', forward('SIGINT'));
    process.once('SIGTERM', forward('SIGTERM'));
    child.once('exit', (code) => void stopService().then(() => process.exit(code ?? 0)));
    return;
  }

  let running;
  try {
    running = await runBrowserHost({ ...o, service: serviceUrl, profile: o.profile ?? defaultProfileDir() });
  } catch (error) {
    await stopService();
    if (error instanceof DatabaseFromFutureError) {
      process.stderr.write(`npm start: ${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
  workstationUp();
  const shutdown = () =>
    void running
      .close()
      .then(stopService)
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const browser = o.headless ? null : chromium();
  if (browser) {
    // A one-time redirect file, not the URL with its key: Chromium's command line is visible to every local user.
    const app = openInChromium(browser, running.host, running.profileDir);
    say(`workstation ready at ${running.host.origin}`);
    app.once('exit', shutdown);
    say('opened in Chromium (app mode); closing its window stops the workstation.');
  } else {
    say(`workstation ready at ${running.host.url}`);
    if (!o.headless) say("Open that URL in a browser (it carries this launch's key). Ctrl+C stops the workstation and the demo service.");
  }
}

await main();
