// window.workstation as the preload builds it, pure: invoke() sends (method, input) on the invoke
// channel and unwraps the envelope; a problem rejects as a plain { name, message, problem } object,
// because Error instances lose their fields crossing contextBridge. subscribe() listens on the event channel.
import type { MethodInput, MethodOutput, WorkstationBridge, WorkstationEvent, WorkstationMethod } from '../../shared/contracts/workstation-api';
import type { Problem } from '../../shared/contracts/problem';
import { IPC_CHANNELS, type Envelope } from '../../shared/contracts/ipc-envelope';

type Listener = (event: unknown, payload: WorkstationEvent) => void;

/** The part of ipcRenderer the bridge needs. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

/** What a failed call rejects with in the page: `err.problem` is the problem document. */
export interface BridgeRejection {
  name: 'WorkstationError';
  message: string;
  problem: Problem;
}

export function createBridge(ipc: IpcRendererLike): WorkstationBridge {
  return {
    async invoke<M extends WorkstationMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const envelope = (await ipc.invoke(IPC_CHANNELS.invoke, method, input)) as Envelope<MethodOutput<M>>;
      if (envelope.ok) return envelope.value;
      const rejection: BridgeRejection = { name: 'WorkstationError', message: envelope.problem.detail, problem: envelope.problem };
      throw rejection;
    },
    subscribe(listener: (event: WorkstationEvent) => void): () => void {
      const forward: Listener = (_event, payload) => listener(payload);
      ipc.on(IPC_CHANNELS.event, forward);
      return () => {
        ipc.removeListener(IPC_CHANNELS.event, forward);
      };
    },
  };
}
