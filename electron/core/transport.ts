// What both transports share and nothing more: the dispatch of one call to the handler table, its
// result in an envelope (so a problem survives IPC and HTTP intact), and the IPC channel names.
import { PROBLEM_TYPES, WORKSTATION_METHODS, type Problem, type WorkstationMethod } from '../../shared/contracts';
import type { Envelope } from '../../shared/contracts/ipc-envelope';
import type { HandlerTable } from './handlers';
import { toProblem } from './problems';

export { IPC_CHANNELS, type Envelope } from '../../shared/contracts/ipc-envelope';

export const isMethod = (name: unknown): name is WorkstationMethod => typeof name === 'string' && (WORKSTATION_METHODS as readonly string[]).includes(name);

export const unknownMethod = (name: unknown): Problem => ({
  type: PROBLEM_TYPES.notFound,
  title: 'Unknown method',
  status: 404,
  detail: `"${String(name).slice(0, 100)}" is not a method of the workstation API`,
});

/** Calls `method` with `input`; never throws: failures come back as problems. */
export async function dispatch(handlers: HandlerTable, method: unknown, input: unknown): Promise<Envelope> {
  if (!isMethod(method)) return { ok: false, problem: unknownMethod(method) };
  try {
    return { ok: true, value: await handlers[method](input) };
  } catch (error) {
    return { ok: false, problem: toProblem(error) };
  }
}
