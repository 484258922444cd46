// The network between the workstation and the review service in the crash and partition runs: a
// loopback HTTP proxy the harness controls. It can cut every connection, delay answers, drop an
// answer after the service acted on the request, send a request to the service twice, or hand a
// request to a hook (to SIGKILL the workstation half-way through a download). It never changes bytes.
// While the service is down it answers 503, as a gateway would: the request went nowhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What happens to one request. */
export type Fault =
  /** Forward it, then close the connection instead of answering (the service did act). */
  | { kind: 'drop-response' }
  /** Send it to the service twice in a row; answer with the second answer. */
  | { kind: 'duplicate' }
  /** Forward it; once the answer is in, run `hook` (e.g. kill the workstation), then close without answering. */
  | { kind: 'after-response'; hook: () => Promise<void> }
  /** Forward it; send the status line, headers and the first half of the body, run `hook`, then close. */
  | { kind: 'half-body'; hook: () => Promise<void> };

export interface Rule {
  method: string;
  /** A path prefix, e.g. /api/v1/mutations */
  path: string;
  fault: Fault;
  /** How many matching requests it applies to (default 1); removed when used up. */
  times?: number;
}

export interface FaultLink {
  readonly url: string;
  /** Where requests go; set it when the service restarts on another port. */
  target: string;
  /** While true, every connection is closed before anything is forwarded. */
  cut: boolean;
  /** Milliseconds every answer waits before it is passed on. */
  delayMs: number;
  rules: Rule[];
  /** How many faults the link applied (cut connections, dropped, duplicated, half bodies). */
  readonly applied: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: string, req: http.IncomingMessage, body: Buffer): Promise<Answer> {
  const up = new URL(req.url ?? '/', target);
  const headers = { ...req.headers, host: up.host };
  return new Promise((resolve, reject) => {
    const out = http.request(up, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFaultLink(target: string): Promise<FaultLink> {
  let applied = 0;
  const state = { target, cut: false, delayMs: 0, rules: [] as Rule[] };

  const take = (req: http.IncomingMessage): Fault | null => {
    const path = (req.url ?? '/').split('?')[0]!;
    const i = state.rules.findIndex((r) => r.method === req.method && path.startsWith(r.path));
    if (i < 0) return null;
    const rule = state.rules[i]!;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) state.rules.splice(i, 1);
    return rule.fault;
  };

  const server = http.createServer((req, res) => {
    if (state.cut) {
      applied++;
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const fault = take(req);
        let answer: Answer;
        try {
          answer = await forward(state.target, req, body);
          if (fault?.kind === 'duplicate') answer = await forward(state.target, req, body);
        } catch (error) {
          // The service is down: answer as a gateway does (nothing was forwarded); otherwise the link broke.
          if ((error as { code?: string }).code === 'ECONNREFUSED' && !state.cut) {
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end('the review service is not running');
          } else req.socket.destroy();
          return;
        }
        if (fault) applied++;
        if (state.delayMs > 0) await sleep(state.delayMs);
        if (state.cut || fault?.kind === 'drop-response') {
          req.socket.destroy();
          return;
        }
        if (fault?.kind === 'after-response') {
          await fault.hook();
          req.socket.destroy();
          return;
        }
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        if (fault?.kind === 'half-body') {
          res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.byteLength) });
          res.write(answer.body.subarray(0, Math.floor(answer.body.byteLength / 2)));
          await fault.hook();
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.byteLength) });
        res.end(answer.body);
      })();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get target() {
      return state.target;
    },
    set target(v: string) {
      state.target = v;
    },
    get cut() {
      return state.cut;
    },
    set cut(v: boolean) {
      state.cut = v;
      if (v) server.closeAllConnections();
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    get rules() {
      return state.rules;
    },
    set rules(v: Rule[]) {
      state.rules = v;
    },
    get applied() {
      return applied;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
