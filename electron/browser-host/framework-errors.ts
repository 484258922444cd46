// The browser host's answers for requests Fastify refuses before any route runs — a path that is not valid percent-
// encoding, a path parameter over the length limit, a request line or headers too large, a broken
// request — as application/problem+json like every other refusal of the workstation API.
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPES, type Problem } from '../../shared/contracts';

const REASONS: Record<string, [number, string]> = {
  FST_ERR_BAD_URL: [400, 'the request path is not valid percent-encoded UTF-8'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'a path parameter is longer than the workstation accepts'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'the request could not be routed'],
};

/** Fastify's `frameworkErrors` option. */
export function frameworkErrors(error: { code?: string; message: string }, _req: FastifyRequest, reply: FastifyReply): void {
  const [status, detail] = REASONS[error.code ?? ''] ?? [400, 'the request could not be routed'];
  const problem: Problem = { type: status === 414 ? PROBLEM_TYPES.tooLarge : PROBLEM_TYPES.validation, title: status === 414 ? 'Too large' : 'Bad request', status, detail: `path: ${detail}`, field: 'path' };
  void reply.code(status).type('application/problem+json').send(problem);
}

/** Fastify's `clientErrorHandler` option: requests Node's HTTP parser refuses (no route, no reply object). */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Too large', 'headers: the request line and headers are larger than the workstation accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request timeout', 'the request did not arrive in time']
        : [400, 'Bad request', 'the request is not valid HTTP'];
  const body = JSON.stringify({ type: status === 431 ? PROBLEM_TYPES.tooLarge : PROBLEM_TYPES.validation, title, status, detail } satisfies Problem);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
