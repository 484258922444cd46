// How a workstation core is opened: the profile folder, the service, the document cache size, sync
// options, the host's logger, fetch and token protector, and whether assist reads in the background.
import type { TokenProtector } from './context';
import type { HostInfo } from './diagnostics';
import type { Logger } from './logger';
import type { FetchLike } from './service-client';
import type { SyncOptions } from './sync';

export interface CoreOptions {
  /** The profile folder: workstation.sqlite and documents/ live here. */
  profileDir: string;
  /** The review service to use; pinned over the stored setting when given. */
  serviceUrl?: string | null;
  /** Size limit of the document cache (documents of the batch are kept even beyond it). */
  documentCacheBytes?: number;
  sync?: Partial<SyncOptions>;
  requestTimeoutMs?: number;
  /** Where the core logs (Electron: electron-log in the OS log folder; browser host: its own file). */
  logger?: Logger & { file?: string; lastLines?(count: number): string[] };
  /** Which host runs the core, and the app's version (for diagnostics and About). */
  host?: Omit<HostInfo, 'logger'>;
  /** Protects the stored service token (Electron passes safeStorage); default: none. */
  protector?: TokenProtector;
  /** How to reach the service: the host's fetch (Electron passes net.fetch); default Node's. */
  fetch?: FetchLike;
  now?: () => string;
  /** The PoE assist reads the batch by itself after pulls (the apps); off, it reads a claim when asked. */
  assistInBackground?: boolean;
}

export const DEFAULT_DOCUMENT_CACHE_BYTES = 2 * 1024 ** 3;
