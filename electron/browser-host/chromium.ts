// Opens the browser host in Chromium's app mode the way `npm start` does: on a one-time redirect file
// (launch.ts), so neither the launch key nor a code is on Chromium's command line for `ps` to show.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserHost } from './server';

export function chromiumArgs(launchFile: string, userDataDir: string): string[] {
  return [`--app=${pathToFileURL(launchFile).href}`, `--user-data-dir=${userDataDir}`, '--no-first-run', '--no-default-browser-check'];
}

/** Starts `browser` on a fresh redirect file in the profile folder; extra switches come first (tests: headless). */
export function openInChromium(browser: string, host: BrowserHost, profileDir: string, extraArgs: readonly string[] = []): ChildProcess {
  const file = host.launchFile(profileDir);
  return spawn(browser, [...extraArgs, ...chromiumArgs(file, path.join(profileDir, 'chromium'))], { stdio: 'ignore' });
}
