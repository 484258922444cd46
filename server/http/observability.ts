// What operators see of the service and what every answer carries: the request log (pino, on at `info`
// unless LOG_LEVEL says otherwise, with request ids and secrets redacted), security headers (helmet;
// no-store unless a route allows caching) and the readiness route that checks the database.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { problemOf } from '../../shared/contracts';
import type { Store } from '../store/repository';

export const READY_PATH = '/api/v1/ready';

export interface LogSettings {
  /** pino level; default LOG_LEVEL, else info. `silent` turns the log off. */
  level?: string;
  /** Where lines go (default stdout). */
  stream?: { write(line: string): void };
}

/** Everything that may carry a password, a token or a session: never written to the log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'password',
  'token',
  '*.password',
  '*.token',
  'body.password',
  'body.token',
  'err.body',
];

export function loggerOptions(log: boolean | LogSettings | undefined): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  const settings = log === false ? null : log === true || log === undefined ? {} : log;
  const level = settings?.level ?? process.env.LOG_LEVEL ?? 'info';
  return {
    logger:
      settings === null ? false : { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, ...(settings.stream ? { stream: settings.stream } : {}) },
    // Our own ids (a caller's header could inject anything into the log); sent back as x-request-id.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
  };
}

/** Is the store usable right now? A read in a transaction, and for SQLite the file still where it was opened. */
async function databaseReady(store: Store, databaseFile: string | null): Promise<string | null> {
  if (databaseFile && !existsSync(databaseFile)) return `the database file ${databaseFile} is gone`;
  try {
    await store.transaction((tx) => tx.getMeta('calendar'));
    return null;
  } catch (error) {
    return `the database cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function registerObservability(http: FastifyInstance, store: Store, databaseFile: string | null): Promise<void> {
  await http.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  http.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Claim data is personal and changes: nothing is stored by a cache unless the route says so (documents).
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  http.get(READY_PATH, async (_req, reply) => {
    const problem = await databaseReady(store, databaseFile);
    if (problem === null) return { status: 'ready' };
    reply.log.error({ problem }, 'not ready');
    return reply.code(503).type('application/problem+json').send(problemOf('notReady', problem));
  });
}
