// The browser host: the workstation's handler table on 127.0.0.1 for a browser. Serves the built
// renderer, POST /rpc/<method> and GET /events (server-sent events), both for the launch key in a header
// or a session cookie (launch.ts); checks Host and Origin on every request (no DNS rebinding).
import { existsSync, rmSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { PROBLEM_TYPES, type Problem, type WorkstationEvent } from '../../shared/contracts';
import type { HandlerTable } from '../core/handlers';
import { dispatch, isMethod, unknownMethod } from '../core/transport';
import { SECURITY_HEADERS } from '../core/csp';
import type { Logger } from '../core/logger';
import { fastifyErrorHandlers } from '../../common/fastify-errors';
import { bearer, hostAllowed, newLaunchKey, originAllowed } from './guard';
import { LaunchGate, sessionCookieName, writeLaunchFile } from './launch';

export interface BrowserHostOptions {
  handlers: HandlerTable;
  subscribe: (listener: (e: WorkstationEvent) => void) => () => void;
  /** The first event a new /events stream receives (the current sync status). */
  initialEvents?: () => WorkstationEvent[];
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** A launch key to use instead of a fresh one (tests). */
  key?: string;
  /** Interval of SSE keep-alive comments. */
  heartbeatMs?: number;
  /** Where request lines (method, path, status) go. */
  logger?: Logger;
}

export interface BrowserHost {
  /** http://127.0.0.1:<port>/#key=<key>: what a browser opens. */
  url: string;
  origin: string;
  port: number;
  key: string;
  /** Writes a one-time redirect file into `dir` for a browser to open (it is deleted once used). */
  launchFile(dir: string): string;
  close(): Promise<void>;
}

const { frameworkErrors, clientErrorHandler } = fastifyErrorHandlers('workstation');
const problemOf = (status: number, title: string, detail: string, type: string): Problem => ({ type, title, status, detail });

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('cache-control', 'no-store').type('application/problem+json').send(p);
}

const frameworkProblemType = (status: number): string =>
  status === 413 ? PROBLEM_TYPES.tooLarge : status === 415 ? PROBLEM_TYPES.unsupportedMedia : status >= 500 ? PROBLEM_TYPES.internal : PROBLEM_TYPES.validation;

/** The body limit of outbox.import: its file (up to 8 MB of JSON, escaped once more inside the request). */
export const OUTBOX_IMPORT_BODY_BYTES = 20 * 1024 * 1024;

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const key = o.key ?? newLaunchKey();
  const launchFiles = new Map<string, string>();
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024, frameworkErrors, clientErrorHandler });
  let port = o.port;
  const gate = new LaunchGate(key, () => sessionCookieName(port));
  const streams = new Set<() => void>();

  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host, port)) {
      return sendProblem(
        reply,
        problemOf(403, 'Forbidden', 'This host only answers requests addressed to 127.0.0.1 or localhost on its own port.', PROBLEM_TYPES.forbidden),
      );
    }
    // The redirect file is a file:// page: its form posts with Origin "null"; the one-time code is its proof.
    const fromLaunchFile = req.method === 'POST' && req.url === '/launch' && req.headers.origin === 'null';
    if (!fromLaunchFile && !originAllowed(req.headers.origin, req.headers.host)) {
      return sendProblem(reply, problemOf(403, 'Forbidden', 'Requests from other origins are refused.', PROBLEM_TYPES.forbidden));
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });
  app.addHook('onResponse', async (req, reply) => {
    o.logger?.info(`browser host: ${req.method} ${req.url} ${reply.statusCode}`);
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    return sendProblem(reply, problemOf(status, status >= 500 ? 'Internal error' : 'Bad request', error.message, frameworkProblemType(status)));
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problemOf(404, 'Not found', `${req.method} ${req.url.split('?')[0]} does not exist`, PROBLEM_TYPES.notFound)),
  );

  const unauthorized = (reply: FastifyReply) =>
    sendProblem(
      reply,
      problemOf(401, 'Launch key required', 'Open the workstation with the URL it printed at start (it carries the launch key).', PROBLEM_TYPES.unauthorized),
    );

  const allowed = (req: { headers: { authorization?: string; cookie?: string } }) => gate.allows(bearer(req.headers.authorization), req.headers.cookie);

  // The redirect file's form: a valid one-time code becomes a session cookie, then the app opens.
  app.post<{ Body: { code?: string } }>('/launch', async (req, reply) => {
    const code = typeof req.body?.code === 'string' ? req.body.code : null;
    const session = gate.redeemCode(code);
    if (!session) return unauthorized(reply);
    const file = launchFiles.get(code!);
    if (file) rmSync(file, { force: true });
    launchFiles.delete(code!);
    return reply.header('set-cookie', gate.cookie(session)).header('cache-control', 'no-store').redirect('/', 303);
  });
  // The page opened with the key in its fragment trades it (in a header) for the cookie /events needs.
  app.post('/session', async (req, reply) => {
    if (!gate.allows(bearer(req.headers.authorization), undefined)) return unauthorized(reply);
    return reply.header('set-cookie', gate.cookie(gate.openSession())).header('cache-control', 'no-store').code(204).send();
  });
  app.get('/session', async (req, reply) => (allowed(req) ? reply.header('cache-control', 'no-store').code(204).send() : unauthorized(reply)));

  const rpc = async (method: string, req: FastifyRequest, reply: FastifyReply) => {
    if (!allowed(req)) return unauthorized(reply);
    // Inputs are JSON only: the form parser exists for /launch, never for the API.
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/json\b/i.test(type)) {
      return sendProblem(reply, problemOf(415, 'Unsupported media type', 'send the input as application/json', frameworkProblemType(415)));
    }
    if (!isMethod(method)) return sendProblem(reply, unknownMethod(method));
    const result = await dispatch(o.handlers, method, req.body);
    if (!result.ok) return sendProblem(reply, result.problem);
    return reply.header('cache-control', 'no-store').type('application/json').send(JSON.stringify(result.value));
  };
  app.post<{ Params: { method: string } }>('/rpc/:method', (req, reply) => rpc(req.params.method, req, reply));
  // reliability (issue 13): a day's outbox export is larger than 1 MiB; only this method takes more.
  app.post('/rpc/outbox.import', { bodyLimit: OUTBOX_IMPORT_BODY_BYTES }, (req, reply) => rpc('outbox.import', req, reply));

  app.get('/events', (req, reply) => {
    if (!allowed(req)) return unauthorized(reply);
    reply.hijack();
    o.logger?.info(`browser host: ${req.method} ${req.url} 200 (event stream)`);
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (e: WorkstationEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    res.write('retry: 2000\n\n');
    for (const e of o.initialEvents?.() ?? []) send(e);
    const unsubscribe = o.subscribe(send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), o.heartbeatMs ?? 15_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    req.raw.on('close', end);
  });

  if (existsSync(o.rendererDir)) {
    await app.register(fastifyStatic, { root: o.rendererDir, index: ['index.html'], cacheControl: false, dotfiles: 'deny' });
  } else {
    app.get('/', (_req, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The renderer is not built yet: run `npm run build`, then start the workstation again.\n'),
    );
  }

  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });
  await app.listen({ host: '127.0.0.1', port: o.port });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : o.port;
  const origin = `http://127.0.0.1:${port}`;
  const launchFile = (dir: string): string => {
    const code = gate.newCode();
    const file = writeLaunchFile(dir, origin, code);
    launchFiles.set(code, file);
    return file;
  };
  const close = async () => {
    await app.close();
    for (const file of launchFiles.values()) rmSync(file, { force: true });
  };
  return { url: `${origin}/#key=${key}`, origin, port, key, launchFile, close };
}
