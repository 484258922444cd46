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

/**
 * In a browser the page holds an HttpOnly session cookie of this launch (set when the redirect file posted
 * its one-time code, or traded here for the key of the printed address); calls and events carry it.
 */
export async function connectBridge(): Promise<WorkstationBridge> {
  if (window.workstation) return window.workstation;
  const key = takeLaunchKey();
  const session = key
    ? await fetch('/session', { method: 'POST', headers: { Authorization: `Bearer ${key}` }, cache: 'no-store' })
    : await fetch('/session', { cache: 'no-store' });
  if (!session.ok) throw new MissingBridgeError('This page was opened without its launch key. Open the address the workstation printed.');
  return createHttpBridge();
}
