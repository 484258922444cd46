// The envelope a workstation API result travels in across IPC (so a problem survives the trip intact)
// and the IPC channel names. Types and constants only: the sandboxed preload and the main process share it.
import type { Problem } from './problem';

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; problem: Problem };

export const IPC_CHANNELS = {
  /** renderer → main: invoke(method, input) → Envelope */
  invoke: 'workstation:invoke',
  /** main → renderer: WorkstationEvent */
  event: 'workstation:event',
} as const;
