// How a Fastify server of ours (the review service, the browser host) answers requests that Fastify or
// Node's HTTP parser refuses before any route runs. The problem comes from shared/ (routingProblem,
// malformedRequestProblem); this module only writes it out, naming which program refused.
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { malformedRequestProblem, routingProblem } from '../shared/contracts';

type Program = Parameters<typeof routingProblem>[1];

/** Fastify's `frameworkErrors` and `clientErrorHandler` options for `program`. */
export function fastifyErrorHandlers(program: Program) {
  return {
    frameworkErrors(error: { code?: string; message: string }, _req: FastifyRequest, reply: FastifyReply): void {
      const problem = routingProblem(error.code, program);
      void reply.code(problem.status).type('application/problem+json').send(problem);
    },
    /** There is no reply object here, so the answer is written to the socket. */
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const problem = malformedRequestProblem(error.code, program);
      const body = JSON.stringify(problem);
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  };
}
