// `npm run dev`: the renderer with hot reload (vite's dev server) against a running browser host. The dev
// server proxies the host's API (/session, /rpc, /events) to it, as the same origin the page expects, with
// Host and Origin set to the host's own (it refuses others). Without --host it starts one as `npm start
// -- --headless` would (demo service included) and stops it on exit. Open the address it prints.
//   npm run dev                                            # demo service + browser host + dev server
//   npm run dev -- --host 'http://127.0.0.1:PORT/#key=KEY' # a browser host you started yourself
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer, type Plugin, type ProxyOptions } from 'vite';
import { startProgram } from '../common/child-process';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = "usage: npm run dev -- [--host 'http://127.0.0.1:PORT/#key=KEY'] [--port 5173]";

function options(): { host?: string; port: number } {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const port = Number(values.port ?? 5173);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);
    if (values.host !== undefined && !/^http:\/\/(127\.0\.0\.1|localhost):\d+\/?#key=\S+$/.test(values.host)) {
      throw new Error(`--host must be the address the browser host printed (http://127.0.0.1:PORT/#key=KEY), got "${values.host}"`);
    }
    return { host: values.host, port };
  } catch (error) {
    process.stderr.write(`npm run dev: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

/** The browser host's printed address: the one given, or that of one started here (stopped with this process). */
async function hostAddress(given: string | undefined): Promise<string> {
  if (given) return given;
  process.stdout.write('starting the demo service and the browser host (npm start -- --headless) …\n');
  const host = await startProgram(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts'), '--headless', '--port', '0'], {
    name: 'the browser host',
    ready: /workstation ready at (http:\/\/\S+)/,
    cwd: ROOT,
    timeoutMs: 300_000,
  });
  host.child.stdout!.pipe(process.stdout);
  host.child.stderr!.pipe(process.stderr);
  void host.exited.then(({ code }) => {
    process.stderr.write(`npm run dev: the browser host stopped (${code})\n`);
    process.exit(1);
  });
  return host.ready[1]!;
}

/**
 * The page's CSP meta allows only our bundled scripts and style sheets; the dev server adds an inline React
 * refresh preamble and injects styles as <style> tags. In the dev server only, those two are allowed inline.
 */
const devCsp: Plugin = {
  name: 'dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

const o = options();
const address = new URL(await hostAddress(o.host));
const target = address.origin;
const toHost: ProxyOptions = {
  target,
  changeOrigin: true,
  configure: (proxy) => proxy.on('proxyReq', (req) => req.getHeader('origin') && req.setHeader('origin', target)),
};
const server = await createServer({
  configFile: path.join(ROOT, 'vite.config.ts'),
  root: path.join(ROOT, 'renderer'),
  plugins: [devCsp],
  server: { host: '127.0.0.1', port: o.port, strictPort: false, proxy: { '/session': toHost, '/rpc': toHost, '/events': toHost } },
});
await server.listen();
const local = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${o.port}/`;
process.stdout.write(`renderer with hot reload at ${local}${address.hash}  (API: browser host at ${target})\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
