// The IPC entry of the workstation API in the main process, pure: who sent the call is checked first
// (a frame of our app:// page), then the call is dispatched to the handler table. No logic of its own.
import { problemOf } from '../../shared/contracts/problem';
import type { Envelope } from '../../shared/contracts/ipc-envelope';
import type { HandlerTable } from '../core/handlers';
import { dispatch } from '../core/transport';
import { isTrustedSender } from './app-protocol';

export async function handleInvoke(handlers: HandlerTable, senderFrameUrl: string | null | undefined, method: unknown, input: unknown): Promise<Envelope> {
  if (!isTrustedSender(senderFrameUrl)) {
    return { ok: false, problem: problemOf('forbidden', 'Only the workstation page may call the workstation API.') };
  }
  return dispatch(handlers, method, input);
}
