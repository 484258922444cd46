// `npm test`'s checks before the tests: the type checks, lint and the renderer build run side by side
// (each mostly keeps one core busy), each one's output printed whole when it ends so they do not interleave.
// Exits 1 when any fails, after all have ended. Usage: tsx scripts/checks.ts typecheck lint build
import { spawnTied } from '../common/child-process';

const scripts = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise<boolean>((resolve) => {
        const started = Date.now();
        const child = spawnTied(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
        let output = '';
        child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
        child.once('exit', (code) => {
          const ok = code === 0;
          process.stdout.write(`${ok ? '✓' : '✗'} npm run ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${output}`);
          resolve(ok);
        });
      }),
  ),
);
process.exit(results.every(Boolean) ? 0 : 1);
