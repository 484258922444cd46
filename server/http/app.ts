// The HTTP face of the service: registers every route of the shared serviceApi table (validating
// params, query and body with its zod schemas and enforcing its roles), the OpenAPI document, and
// turns every error into application/problem+json. No domain logic lives here.
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { serviceApi, validationProblem, type Problem, type RouteDef, type RouteName } from '../../shared/contracts';
import type { AppContext, Caller } from '../app/context';
import { authenticate } from '../app/sessions';
import { sweep } from '../app/timers';
import { syncClock } from '../app/test-clock';
import { runReading } from '../store/read-intent';
import { makeHandlers, type HandlerOptions } from './handlers';
import { fastifyErrorHandlers } from '../../common/fastify-errors';
import { loggerOptions, registerObservability, type LogSettings } from './observability';
import { openApiDocument, OPENAPI_PATH } from './openapi';
import { ProblemError, problem, problemTypeForStatus } from './problems';
import { registerServiceEpoch } from './service-epoch';
import { isSpooled, lingerThenClose, registerUploads, storageProblem, takeSpooled } from './uploads';

export interface HttpOptions extends HandlerOptions {
  testClock: boolean;
  log: boolean | LogSettings;
  /** The SQLite file, so readiness notices it removed (null for other stores). */
  databaseFile?: string | null;
  /** Where uploads are spooled while they arrive (default: a folder under the OS temp dir). */
  uploadDir?: string;
  /** Time a client has to send a whole request, body included (default 60 s). */
  requestTimeoutMs?: number;
  /** Which reverse proxies to believe about the client address (X-Forwarded-For): true (all) or their addresses/CIDRs, comma-separated; default none. */
  trustProxy?: boolean | string;
}

const { frameworkErrors, clientErrorHandler } = fastifyErrorHandlers('service');
/** A socket that sends nothing for this long is closed. */
const IDLE_SOCKET_MS = 30_000;

const JSON_BODY_LIMIT = 8 * 1024 * 1024;
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'] as const;
/**
 * Routes that run no timer sweep first: those that touch no claim, and every read (a GET takes no write
 * transaction; the sweep runs on its schedule, after a test-clock advance, and before each write).
 */
const NO_SWEEP: readonly RouteName[] = ['health', 'calendar', 'login', 'testClock'];
const sweepsFirst = (name: RouteName, def: RouteDef): boolean => def.method !== 'GET' && !NO_SWEEP.includes(name);

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ProblemError(validationProblem(r.error, where));
  return r.data;
}

/** The push route validates the envelope here and each mutation on its own, so one bad mutation never blocks the rest. */
const PushEnvelope = z.object({
  mutations: z
    .array(z.object({ id: z.unknown() }).loose())
    .min(1)
    .max(500),
});

const isJson = (req: FastifyRequest): boolean => /^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '');
const hasBody = (req: FastifyRequest): boolean => req.body !== undefined && req.body !== null && !(typeof req.body === 'string' && req.body === '');

export async function buildHttp(app: AppContext, opts: HttpOptions): Promise<FastifyInstance> {
  const requestTimeoutMs = opts.requestTimeoutMs ?? 60_000;
  const http = Fastify({
    ...loggerOptions(opts.log),
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    frameworkErrors,
    clientErrorHandler,
    // reliability (issue 13): slow or stalled requests are cut; checked often enough to bound them.
    requestTimeout: requestTimeoutMs,
    connectionTimeout: IDLE_SOCKET_MS,
    http: { connectionsCheckingInterval: Math.min(5_000, Math.ceil(requestTimeoutMs / 2)), headersTimeout: Math.min(30_000, requestTimeoutMs) },
  });
  const handlers = makeHandlers(app, opts);
  await registerObservability(http, app.store, opts.databaseFile ?? null);
  registerServiceEpoch(http, app);

  const uploads = registerUploads(http, {
    dir: opts.uploadDir ?? path.join(os.tmpdir(), `poe-uploads-${process.pid}`),
    maxBytes: app.maxUploadBytes,
    contentTypes: DOCUMENT_CONTENT_TYPES,
  });
  const callers = new WeakMap<FastifyRequest, Caller>();
  // A test clock shared through the database: every request starts at the cluster's time (test-clock.ts).
  if (app.sharedClock) http.addHook('onRequest', () => syncClock(app));

  http.setErrorHandler((thrown: FastifyError | ProblemError, req, reply) => {
    const err = storageProblem(thrown) as FastifyError | ProblemError;
    // Refused before its body was read: the rest is discarded, and the connection closed shortly
    // after the answer (late enough for the client to read it) unless the body ends first.
    if (!req.raw.complete) lingerThenClose(req, reply);
    if (err instanceof ProblemError) return sendProblem(reply, err.problem);
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const fromBody = typeof err.code === 'string' && err.code.startsWith('FST_ERR_CTP');
      const detail =
        status === 413
          ? `body: the request body is larger than the limit for this route (${req.routeOptions.bodyLimit ?? JSON_BODY_LIMIT} bytes)`
          : `${fromBody ? 'body: ' : ''}${err.message}`;
      return sendProblem(reply, {
        type: problemTypeForStatus(status),
        title: status === 413 ? 'Too large' : 'Bad request',
        status,
        detail,
        ...(fromBody ? { field: 'body' } : {}),
      });
    }
    req.log.error({ err }, 'unexpected error');
    return sendProblem(reply, problem.internal(`the service failed to handle this request; it has been logged as request ${req.id}`).problem);
  });
  http.setNotFoundHandler((req, reply) => sendProblem(reply, problem.notFound(`no route ${req.method} ${req.url.split('?')[0]}`).problem));

  const doc = openApiDocument({ version: opts.version, testClock: opts.testClock });
  http.get(OPENAPI_PATH, async () => doc);

  for (const [name, def] of Object.entries(serviceApi) as [RouteName, RouteDef][]) {
    if (name === 'testClock' && !opts.testClock) continue;
    http.route({
      method: def.method,
      url: def.path,
      ...(def.body === 'binary' ? { bodyLimit: app.maxUploadBytes } : {}),
      // reliability (issue 13): who calls is known before a byte of the body is read.
      onRequest: async (req, reply) => {
        if (def.roles === null) return;
        const caller = await authenticate(app, req.headers.authorization);
        if (!def.roles.includes(caller.role))
          throw problem.forbidden(`a ${caller.role} may not call ${def.method} ${def.path} (allowed: ${def.roles.join(', ')})`);
        if (def.body === 'binary') uploads.claimSlot(caller, reply);
        callers.set(req, caller);
      },
      handler: async (req, reply) => {
        const caller: Caller | null = callers.get(req) ?? null;
        const params = def.params ? parsePart(def.params, req.params, 'params') : undefined;
        const query = def.query ? parsePart(def.query, req.query, 'query') : undefined;
        let body: unknown;
        if (def.body === 'binary') {
          if (!isSpooled(req.body)) {
            if (!hasBody(req)) throw problem.validation('body: send the document bytes as the request body', 'body');
            throw problem.unsupportedMedia(`body: send the document bytes with Content-Type ${DOCUMENT_CONTENT_TYPES.join(', ')}`, 'body');
          }
          body = await takeSpooled(req.body);
        } else if (def.body) {
          if (hasBody(req) && !isJson(req)) throw problem.unsupportedMedia('body: send JSON with Content-Type application/json', 'body');
          const raw = hasBody(req) ? req.body : {};
          body = name === 'mutations' ? parsePart(PushEnvelope, raw, 'body') : parsePart(def.body, raw, 'body');
        }
        if (app.sweepOnRequest !== false && sweepsFirst(name, def)) await sweep(app);
        const handle = () => (handlers[name] as (i: unknown) => Promise<unknown>)({ caller, params, query, body, request: req, reply });
        // GET routes only read: their transactions may be read-only and take no row locks.
        const result = await (def.method === 'GET' ? runReading(handle) : handle());
        if (reply.statusCode === 200 && def.status) reply.code(def.status);
        return result;
      },
    });
  }
  return http;
}
