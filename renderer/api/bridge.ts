// Picks the transport of the workstation API: the preload's window.workstation under Electron, the
// loopback HTTP bridge in a browser. The rest of the renderer sees only a WorkstationBridge.
import type { WorkstationBridge } from '../../shared/contracts';
import { createHttpBridge } from './http-bridge';
import { takeLaunchKey } from './launch-key';

declare global {
  interface Window {
    workstation?: WorkstationBridge;
  }
}

export class MissingBridgeError extends Error {}

export function connectBridge(): WorkstationBridge {
  if (window.workstation) return window.workstation;
  const key = takeLaunchKey();
  if (!key) throw new MissingBridgeError('This page was opened without its launch key. Open the address the workstation printed.');
  return createHttpBridge(key);
}
