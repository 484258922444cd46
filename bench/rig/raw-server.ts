// The baselines' trivial loopback endpoint, run as its own process like the service: GET /files/<name>
// streams a file of the given folder as it is; POST /echo reads the body and answers a tiny JSON, or with
// ?answer=<bytes> a JSON of exactly that many bytes (a stand-in for a real endpoint's answer of that size).
// No framework, no validation, no database: the floor any real endpoint is measured against.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProgram } from '../../common/child-process';
import { exitWithParent } from '../../common/parent-watch';
import { programArgs } from '../../test/support/programs';

/** A JSON body of exactly `size` bytes (at least the smallest one, `{"pad":""}`). */
function answerOfSize(size: number, received: number): string {
  if (!(size > 0)) return `{"received":${received}}`;
  const empty = '{"pad":""}';
  return `{"pad":"${'x'.repeat(Math.max(0, size - empty.length))}"}`;
}

export function serve(dir: string): http.Server {
  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.startsWith('/files/')) {
      const file = path.join(dir, path.basename(decodeURIComponent(url.slice('/files/'.length))));
      fs.stat(file, (err, st) => {
        if (err) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': st.size });
        fs.createReadStream(file).pipe(res);
      });
      return;
    }
    if (req.method === 'POST' && (url === '/echo' || url.startsWith('/echo?'))) {
      const size = Number(new URL(url, 'http://raw').searchParams.get('answer') ?? 0);
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => {
        const body = answerOfSize(size, n);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    res.writeHead(404).end();
  });
}

export interface RawServer {
  url: string;
  /** Folder whose files GET /files/<name> serves. */
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

const SELF = fileURLToPath(import.meta.url);
const READY = /raw server listening on (http:\/\/\S+)/;

/** Starts the endpoint as a child process serving `dir`. */
export async function startRawServer(dir: string): Promise<RawServer> {
  const p = await startProgram(process.execPath, [...programArgs('raw-server'), dir], {
    name: 'the raw endpoint',
    ready: READY,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { url: p.ready[1]!, dir, pid: p.pid, stop: async () => void (await p.stop()) };
}

/** The command line: serves the folder named by the first argument (default: the working folder) and prints its URL. */
export async function main(): Promise<void> {
  exitWithParent();
  const server = serve(process.argv[2] ?? process.cwd());
  // Keep idle connections as long as the service (Fastify keeps them 72 s): a client reusing one that
  // this end closed meanwhile would see "fetch failed".
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    process.stdout.write(`raw server listening on http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}\n`);
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main();
