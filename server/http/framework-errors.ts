// How the service answers requests Fastify or Node's HTTP parser refuses before any route runs: the
// problem comes from shared/ (routingProblem, malformedRequestProblem); this file only writes it out.
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { malformedRequestProblem, routingProblem } from '../../shared/contracts';

/** Fastify's `frameworkErrors` option. */
export function frameworkErrors(error: { code?: string; message: string }, _req: FastifyRequest, reply: FastifyReply): void {
  const problem = routingProblem(error.code, 'service');
  void reply.code(problem.status).type('application/problem+json').send(problem);
}

/** Fastify's `clientErrorHandler` option: there is no reply object, so the answer is written to the socket. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = malformedRequestProblem(error.code, 'service');
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
