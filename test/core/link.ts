// A network link between a workstation and the review service, for the sync tests: forwards HTTP,
// can be cut (the workstation sees connection failures) and can run a hook when a response comes back
// from the service before passing it on (to crash the workstation after the service applied a push).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Link {
  url: string;
  /** Where requests go; change it when the service restarts on another port. */
  target: string;
  /** While true, every request fails at the connection level. */
  cut: boolean;
  /** Runs after the service answered `method path`, before the answer is passed on. Return false to drop it. */
  onResponse: ((method: string, path: string, status: number) => Promise<boolean> | boolean) | null;
  /** Given the request, a status to answer instead of the service's answer (the service still acted), or null. */
  failWith: ((method: string, path: string, body: string) => number | null) | null;
  close(): Promise<void>;
}

export async function startLink(target: string): Promise<Link> {
  const link = { target, cut: false, onResponse: null, failWith: null } as Link;
  const server = http.createServer((req, res) => {
    if (link.cut) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = new URL(req.url ?? '/', link.target);
      const headers = { ...req.headers, host: up.host };
      const out = http.request(up, { method: req.method, headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', async () => {
          const pass = link.onResponse ? await link.onResponse(req.method ?? 'GET', up.pathname, upRes.statusCode ?? 0) : true;
          if (!pass) {
            req.socket.destroy();
            return;
          }
          const failed = link.failWith ? link.failWith(req.method ?? 'GET', up.pathname, Buffer.concat(chunks).toString('utf8')) : null;
          if (failed !== null) {
            res.writeHead(failed, { 'content-type': 'application/problem+json' });
            res.end(JSON.stringify({ type: 'urn:poe:problem:internal', title: 'Internal error', status: failed, detail: 'RangeError: Invalid string length' }));
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          res.end(Buffer.concat(body));
        });
      });
      out.on('error', () => req.socket.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  link.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  link.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return link;
}
