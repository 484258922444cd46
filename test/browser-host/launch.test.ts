// `npm start`'s way of opening the workstation in Chromium, run for real: the launch key is in no process's
// command line (`ps`) and in no request line the host logs, yet the page signs in to the API with its
// session cookie and holds the event stream. Real browser host, real renderer, real Chromium.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInChromium } from '../../electron/browser-host/chromium';
import { runBrowserHost, type RunningWorkstation } from '../../electron/browser-host/main';
import { parseOptions } from '../../electron/core/cli-options';
import type { Logger } from '../../electron/core/logger';
import { ensureRendererBuilt } from '../e2e/helpers';
import { CHROMIUM_PATH } from '../support/browser';
import { startTestService, type TestService } from '../support/service';

let svc: TestService;
let dir: string;
let ws: RunningWorkstation;
let chromium: ChildProcess;
const lines: string[] = [];
const waiters: { pattern: RegExp; resolve: () => void }[] = [];
const logger: Logger = {
  info: (line) => {
    lines.push(line);
    for (const w of [...waiters]) if (w.pattern.test(line)) w.resolve();
  },
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
const logged = (pattern: RegExp) => new Promise<void>((resolve) => (lines.some((l) => pattern.test(l)) ? resolve() : waiters.push({ pattern, resolve })));

/** The command lines of a process and all its descendants, as `ps` shows them to every local user. */
function commandLines(root: number): string[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m) => m !== null);
  const family = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of rows)
      if (family.has(Number(m[2])) && !family.has(Number(m[1]))) {
        family.add(Number(m[1]));
        grew = true;
      }
  }
  return rows.filter((m) => family.has(Number(m[1]))).map((m) => m[3]!);
}

beforeAll(async () => {
  ensureRendererBuilt();
  svc = await startTestService({ demoClaims: 0 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'launch-'));
  const options = parseOptions(['--headless', '--port', '0', '--service', svc.url, '--profile', path.join(dir, 'profile')]);
  ws = await runBrowserHost(options, undefined, logger);
});
afterAll(async () => {
  if (chromium && chromium.exitCode === null) {
    const gone = new Promise((resolve) => chromium.once('exit', resolve));
    chromium.kill('SIGTERM');
    await gone;
  }
  await ws?.close();
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening the workstation in Chromium', () => {
  it('keeps the launch key out of the process list and the request lines, and the page still reaches the API and events', async () => {
    const eventsOpen = logged(/GET \/events /);
    const signedIn = logged(/POST \/rpc\/session\.current 200/);
    chromium = openInChromium(CHROMIUM_PATH, ws.host, ws.profileDir, ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0']);
    await signedIn;
    await eventsOpen;
    const commands = commandLines(chromium.pid!);
    expect(commands.some((c) => /--app=file:\/\/\S+launch-[0-9a-f]+\.html/.test(c))).toBe(true);
    for (const c of commands) expect(c).not.toContain(ws.host.key);

    expect(lines.some((l) => l.startsWith('browser host: POST /launch 303'))).toBe(true);
    for (const l of lines) {
      expect(l).not.toContain(ws.host.key);
      expect(l).not.toMatch(/[?&](key|code)=/);
    }
    // The redirect file is spent and deleted.
    expect(readdirSync(ws.profileDir).filter((f) => f.startsWith('launch-'))).toEqual([]);
    expect(existsSync(ws.profileDir)).toBe(true);
  });
});
