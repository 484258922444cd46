// What the parts of the core share while the workstation runs: the store, the document cache, the
// event hub, the clock, the signed-in session and the local-view upkeep. Built once by createCore.
import type { Claim, SyncStatus, User } from '../../shared/contracts';
import { DEFAULT_CALENDAR, type Actor, type BusinessCalendar } from '../../shared/domain';
import type { DocumentCache } from './documents';
import type { EventHub } from './events';
import { localView, queueIndex } from './local-view';
import { createServiceClient, type FetchLike, type ServiceClient } from './service-client';
import { silentLogger, type Logger } from './logger';
import { ServiceLink } from './service-link';
import type { OutboxRow, Store } from './store/queries';

/** The signed-in reviewer. The token may be null after an offline sign-in (fetched when back online). */
export interface Session {
  serviceUrl: string;
  username: string;
  user: User;
  token: string | null;
}

/** Encrypts and decrypts a secret at rest (Electron: safeStorage, backed by DPAPI, Keychain or libsecret). */
export interface TokenProtector {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
}

export const KEYS = {
  session: 'session',
  calendar: 'calendar',
  lastUsername: 'session.lastUsername',
  cursor: 'changes.cursor',
  lease: 'lease',
  lastSyncAt: 'sync.lastSyncAt',
  lastError: 'sync.lastError',
} as const;

export interface StoredLease {
  id: string;
  expiresAt: string;
  /** When it was taken or last renewed, on the service's clock: renewal is due past the middle of the period. */
  renewedAt: string;
  /** A working lease or an offline checkout (absent: a working lease). */
  mode?: 'working' | 'offline';
}

export class CoreContext {
  session: Session | null;
  /** Kept in memory only, to sign in again when a token expires or after an offline sign-in. */
  password: string | null = null;
  /** The offline sign-in verifier of the last online sign-in, while it is still being derived and stored (session.ts). */
  verifierSaved: Promise<void> = Promise.resolve();
  /** The reviewer did something since the lease was last renewed. */
  active = false;
  private clients = new Map<string, ServiceClient>();
  /** The host's log (never given PoE content, passwords or tokens). */
  log: Logger = silentLogger;
  /** The service database's epoch and the service clock, as its answers tell them (reliability, issue 13). */
  readonly link: ServiceLink;

  constructor(
    readonly store: Store,
    readonly docs: DocumentCache,
    readonly events: EventHub,
    readonly now: () => string,
    readonly pinnedServiceUrl: string | null,
    readonly requestTimeoutMs: number,
    /** The host's fetch (Electron: Chromium's net.fetch; browser host: Node's with the proxy settings). */
    readonly fetch?: FetchLike,
    /** Protects the stored service token with the OS keychain (Electron's safeStorage); none: kept as is. */
    private readonly protector?: TokenProtector,
  ) {
    this.link = new ServiceLink(store, now);
    const stored = this.unprotect(store.getValue<Session & { protectedToken?: string }>(KEYS.session));
    this.session = stored && pinnedServiceUrl ? { ...stored, serviceUrl: pinnedServiceUrl } : stored;
  }

  client(serviceUrl: string): ServiceClient {
    let c = this.clients.get(serviceUrl);
    if (!c) {
      const fetch = this.link.wrap(this.fetch ?? ((input, init) => globalThis.fetch(input, init)), serviceUrl);
      c = createServiceClient(serviceUrl, { timeoutMs: this.requestTimeoutMs, fetch });
      this.clients.set(serviceUrl, c);
    }
    return c;
  }

  saveSession(session: Session | null): void {
    this.session = session;
    if (!session) this.store.deleteValue(KEYS.session);
    else if (this.protector && session.token)
      this.store.setValue(KEYS.session, { ...session, token: null, protectedToken: this.protector.encrypt(session.token) });
    else this.store.setValue(KEYS.session, session);
  }

  /** The stored session with its token readable again (null token when the keychain cannot open it: sign in again). */
  private unprotect(stored: (Session & { protectedToken?: string }) | null): Session | null {
    if (!stored) return null;
    const { protectedToken, ...session } = stored;
    if (protectedToken === undefined) return session;
    try {
      return { ...session, token: this.protector ? this.protector.decrypt(protectedToken) : null };
    } catch {
      return { ...session, token: null };
    }
  }

  /** The service's business calendar (every action asks for it, often twice): parsed once per key-value write. */
  calendar(): BusinessCalendar {
    return this.store.keptValue<BusinessCalendar>(KEYS.calendar) ?? DEFAULT_CALENDAR;
  }

  actorOf = (userId: string): Actor => {
    const u = this.session?.user;
    return u && u.id === userId ? { id: u.id, name: u.name, role: u.role } : { id: userId, name: userId, role: 'reviewer' };
  };

  /** The claim as the reviewer sees it: the service's copy plus the pending outbox entries. */
  localClaim(id: string): { local: Claim; server: Claim } | null {
    const server = this.store.serverClaim(id);
    if (!server) return null;
    const local = localView(server, this.store.outboxForClaim(id), { now: this.now(), calendar: this.calendar(), actorOf: this.actorOf });
    return { local, server };
  }

  /**
   * Recomputes a claim's queue row from its local view; call inside the change's transaction. Pass
   * `fresh` (the service claim just materialized now) to reuse it when nothing is pending: one
   * materialization per change. The row is announced as claim.changed once the transaction is over.
   */
  reindex(id: string, fresh?: Claim, known?: { server: Claim; outbox: readonly OutboxRow[] }): Claim | null {
    const server = fresh ?? known?.server ?? this.store.serverClaim(id);
    if (!server) return null;
    const outbox = known?.outbox ?? this.store.outboxForClaim(id);
    const now = this.now();
    const pending = outbox.filter((e) => e.state === 'pending').length;
    const local = fresh && pending === 0 ? fresh : localView(server, outbox, { now, calendar: this.calendar(), actorOf: this.actorOf });
    this.store.setQueueIndex(id, queueIndex(local, outbox, now), pending, outbox.length > pending);
    this.markChanged(id);
    return local;
  }

  /** Stores a newer service copy of a claim (never an older one) and refreshes its local view. */
  acceptServerClaim(claim: Claim, inBatch: boolean, fresh = false): boolean {
    const version = this.store.serverVersion(claim.id);
    if (version !== null && version > claim.version) return false;
    this.store.putServerClaim(claim, this.now(), inBatch);
    this.reindex(claim.id, fresh ? claim : undefined);
    return true;
  }

  private readonly changedIds = new Set<string>();
  private flushQueued = false;

  /**
   * Queues a claim.changed for `id`, sent once the current work (its transaction) and the answer of the
   * call that made it are out: on the event loop's next turn (setImmediate), never inside the action.
   */
  markChanged(id: string): void {
    this.changedIds.add(id);
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => this.flushChanged());
  }

  /** Sends claim.changed {id, item} for each changed claim, read back after commit (null: not in the queue). */
  flushChanged(): void {
    this.flushQueued = false;
    const ids = [...this.changedIds];
    this.changedIds.clear();
    // The profile closed meanwhile: nobody is left to tell.
    if (!this.store.db.open) return;
    for (const id of ids) this.events.emit({ type: 'claim.changed', id, item: this.store.queue.item(id) });
  }

  status(connection: SyncStatus['connection']): SyncStatus {
    const counts = this.store.outboxCounts();
    const lease = this.store.getValue<StoredLease>(KEYS.lease);
    return {
      connection,
      pending: counts.pending,
      conflicts: counts.conflicts,
      lastSyncAt: this.store.getValue<string>(KEYS.lastSyncAt),
      lastError: this.store.getValue<string>(KEYS.lastError),
      lease: lease ? { id: lease.id, expiresAt: lease.expiresAt, ...(lease.mode ? { mode: lease.mode } : {}) } : null,
    };
  }
}
