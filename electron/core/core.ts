// The workstation application: opens the profile (store, document cache), restores the session, runs
// the sync engine, and implements every operation of the workstation API on typed, already-validated
// inputs. Transports never reach in here except through the handler table (handlers.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  type Claim,
  type Decision,
  type MethodOutput,
  type OutboxEntry,
  type QueueQuery,
  type Settings,
  type SyncStatus,
  type WorkstationEvent,
} from '../../shared/contracts';
import { AssistService } from './assist/assist-service';
import { withPoeDates } from './competing-view';
import { AuditMode } from './audit/audit-mode';
import { CoreContext } from './context';
import { packageVersion, type HostInfo } from './diagnostics';
import { DocumentCache } from './documents';
import { EventHub } from './events';
import { silentLogger } from './logger';
import { conflict, fail, failFromService, notFound, notSignedIn, unavailable } from './problems';
import { listConflicts, record, resolve, undo, type Before, type Recorded } from './review';
import { leaseAgain } from './relapse';
import { currentSession, signIn, signOut } from './session';
import { readSettings, writeSettings } from './settings';
import { openDatabase } from './store/database';
import { asProfileProblem, checkProfile } from './store/profile-health';
import { CHECKED_AT_KEY, checkIntegrity } from './store/profile-integrity';
import { keepPrivate, lockProfile, type ProfileLock } from './store/profile-lock';
import { Store, toEntry } from './store/queries';
import { DEFAULT_SYNC_OPTIONS, SyncEngine } from './sync';
import { DEFAULT_DOCUMENT_CACHE_BYTES, type CoreOptions } from './core-options';
import { listQueue } from './queue-list';

export { DEFAULT_DOCUMENT_CACHE_BYTES, type CoreOptions } from './core-options';

/** How long after a reviewer's action the sync engine starts pushing it. */
export const ACTION_SYNC_DELAY_MS = 1_000;
/** The profile's database files, kept readable by its user only. */
const PROFILE_FILES = ['workstation.sqlite', 'workstation.sqlite-wal', 'workstation.sqlite-shm'];

/** Service and offline errors as the problems the API answers with. */
const asProblem = (error: unknown): never => failFromService(error, 'Your work is kept and syncs when the service is reachable.');

export class WorkstationCore {
  readonly events = new EventHub();
  readonly ctx: CoreContext;
  readonly sync: SyncEngine;
  readonly audit: AuditMode;
  readonly hostInfo: HostInfo;
  readonly assist: AssistService;
  readonly pinnedServiceUrl: string | null;
  private lock: ProfileLock | null = null;

  private constructor(
    readonly store: Store,
    docs: DocumentCache,
    options: CoreOptions,
    now: () => string,
  ) {
    this.pinnedServiceUrl = options.serviceUrl ?? null;
    this.ctx = new CoreContext(store, docs, this.events, now, this.pinnedServiceUrl, options.requestTimeoutMs ?? 15_000, options.fetch, options.protector);
    this.ctx.log = options.logger ?? silentLogger;
    this.hostInfo = { ...(options.host ?? { host: 'browser-host', version: packageVersion() }), logger: options.logger };
    this.sync = new SyncEngine(this.ctx, { ...DEFAULT_SYNC_OPTIONS, ...options.sync });
    this.audit = new AuditMode(this.ctx, this.sync);
    this.sync.steps.push(() => this.audit.push());
    this.assist = new AssistService(this.ctx, {
      langDir: path.join(options.profileDir, 'assist', 'tessdata'),
      background: options.assistInBackground ?? false,
    });
    this.events.subscribe((e) => this.assist.onEvent(e));
  }

  static async open(options: CoreOptions): Promise<WorkstationCore> {
    mkdirSync(options.profileDir, { recursive: true });
    const now = options.now ?? (() => new Date().toISOString());
    // reliability (issue 13): an empty, damaged or read-only profile is named (and salvaged), never touched;
    // one process per profile (the second one refuses, naming the first).
    const dbFile = path.join(options.profileDir, 'workstation.sqlite');
    checkProfile(options.profileDir, dbFile);
    const lock = lockProfile(options.profileDir);
    let store: Store | null = null;
    let core: WorkstationCore;
    try {
      const checked = checkIntegrity(dbFile, now());
      store = new Store(openDatabase(dbFile));
      if (checked) store.setValue(CHECKED_AT_KEY, now());
      keepPrivate(options.profileDir, PROFILE_FILES);
      const docs = new DocumentCache(store, path.join(options.profileDir, 'documents'), options.documentCacheBytes ?? DEFAULT_DOCUMENT_CACHE_BYTES, now);
      await docs.init();
      core = new WorkstationCore(store, docs, options, now);
      core.lock = lock;
      // Derived states move with the clock: rebuild only the rows whose state was due to move by now (and,
      // once after the queue-table migration, the rows not built yet); never every claim of the profile.
      const opened = store;
      opened.transaction(() => {
        for (const id of opened.queue.staleIds(now())) core.ctx.reindex(id);
      });
    } catch (error) {
      store?.close();
      lock.release();
      throw asProfileProblem(error, dbFile);
    }
    if (core.ctx.session) core.sync.start();
    core.ctx.log.info(
      `workstation ${core.hostInfo.version} (${core.hostInfo.host}) opened its profile; ${store.outboxCounts().pending} actions waiting to sync`,
    );
    return core;
  }

  subscribe(listener: (e: WorkstationEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  async close(): Promise<void> {
    this.ctx.log.info('workstation closing its profile');
    this.sync.stop();
    await this.sync.exclusive(async () => undefined).catch(() => undefined);
    await this.assist.close();
    await this.ctx.verifierSaved;
    this.store.close();
    this.lock?.release();
  }

  private user() {
    return this.ctx.session?.user ?? fail(notSignedIn());
  }

  private statusQueued = false;

  /**
   * After a local action: its queue row is announced as claim.changed by reindex, and the pending count
   * moved. Both go out after the action's answer (setImmediate), not before it: the page opens the next
   * claim from the answer, and several actions in a row send one status.
   */
  private changed(_claimIds: string[]): void {
    if (this.statusQueued) return;
    this.statusQueued = true;
    setImmediate(() => {
      this.statusQueued = false;
      if (this.store.db.open) this.sync.emitStatus();
    });
  }

  // ── session ──

  login = (input: { username: string; password: string; serviceUrl?: string }): Promise<MethodOutput<'session.login'>> => signIn(this, input);
  logout = (): Promise<Record<string, never>> => signOut(this);
  current = (): MethodOutput<'session.current'> => currentSession(this);

  // ── queue ──

  async pull(size: number, offline = false): Promise<MethodOutput<'queue.pull'>> {
    this.user();
    return this.sync.pull(size, offline).catch(asProblem);
  }
  list(q: z.output<typeof QueueQuery>): MethodOutput<'queue.list'> {
    this.user();
    return listQueue(this.store, this.pinnedServiceUrl, this.ctx.now(), q);
  }

  async release(): Promise<Record<string, never>> {
    this.user();
    await this.sync.release().catch(asProblem);
    return {};
  }

  // ── claims and documents ──

  /** A cached claim: the batch's, or one that left it (lease lapsed), kept to read until the next pull. */
  claim(id: string): { claim: Claim; server: Claim; pending: OutboxEntry[] } {
    this.user();
    const view = this.ctx.localClaim(id) ?? fail(notFound(`claim ${id} is not in your batch`));
    this.ctx.active = true;
    const claim = withPoeDates(view.local, (rival) => this.assist.acknowledgedOn(rival), this.ctx.calendar().timeZone);
    return { claim, server: view.server, pending: this.store.outboxForClaim(id).map(toEntry) };
  }

  /** Leases a claim that left the batch again, so the reviewer can act on it. */
  async leaseAgain(id: string): Promise<MethodOutput<'claim.lease'>> {
    this.user();
    if (!this.ctx.localClaim(id)) fail(notFound(`claim ${id} is not on this workstation`));
    const leased = await leaseAgain(this.ctx, (n, a) => this.sync.call(n, a), id).catch(asProblem);
    this.sync.emitStatus();
    if (!leased) fail(conflict(`Claim ${id} cannot be leased to you again: another reviewer holds it, or it is no longer open for review.`));
    return this.claim(id);
  }

  async document(sha256: string): Promise<MethodOutput<'document.get'>> {
    this.user();
    const ref = this.store.documentRef(sha256);
    const sampled = ref ? null : this.audit.documentRef(sha256);
    let bytes = await this.ctx.docs.read(sha256);
    if (!bytes) {
      if (!ref && !sampled) fail(notFound(`document ${sha256} belongs to no claim of your batch`));
      await (ref ? this.sync.fetchDocument(sha256) : this.audit.fetchDocument(sha256)).catch(asProblem);
      bytes = await this.ctx.docs.read(sha256);
      if (!bytes) fail(unavailable(`document ${sha256} could not be stored`));
    }
    const row = this.store.document(sha256)!;
    return { sha256, mediaType: row.mediaType, fileName: row.fileName, base64: Buffer.from(bytes!).toString('base64') };
  }

  // ── review ──

  private recorded(r: Recorded): Recorded {
    this.changed([r.entry.claimId]);
    // Not at once: the next claim paints first (and a quick undo never races a push).
    this.sync.kick(ACTION_SYNC_DELAY_MS);
    this.assist.yieldToReviewer(ACTION_SYNC_DELAY_MS);
    return r;
  }

  checklist(i: { claimId: string; code: string; productId: string | null; checked: boolean; note: string | null }): Recorded {
    const { claimId, ...payload } = i;
    return this.recorded(record(this.ctx, 'checklist', claimId, payload));
  }

  comment(i: { claimId: string; text: string }): Recorded {
    return this.recorded(record(this.ctx, 'comment', i.claimId, { text: i.text }));
  }

  decide(i: { claimId: string; decision: Decision }): Recorded & { next: string | null } {
    const { kind, ...payload } = i.decision;
    // the reviewer's agreement with the assist is the core's to state, never the page's
    const agreement = kind === 'remove-product' ? undefined : (before: Before) => ({ assist: this.assist.agreement(i.claimId, before) });
    const r = this.recorded(record(this.ctx, kind, i.claimId, payload, 'decision.', agreement));
    return { ...r, next: this.store.queue.next(i.claimId) };
  }

  undo(entryId?: string): { undone: OutboxEntry | null } {
    const undone = undo(this.ctx, this.sync.inFlight, entryId);
    if (undone) this.changed([undone.claimId]);
    return { undone };
  }

  // ── sync and conflicts ──

  async syncNow(): Promise<SyncStatus> {
    this.user();
    await this.sync.run();
    return this.sync.state;
  }

  status(): SyncStatus {
    return this.sync.state;
  }

  conflicts(): MethodOutput<'conflicts.list'> {
    this.user();
    return { conflicts: listConflicts(this.ctx) };
  }

  resolve(entryId: string, choice: 'reapply' | 'discard'): { entry: OutboxEntry | null } {
    this.user();
    const entry = resolve(this.ctx, entryId, choice);
    if (entry) this.changed([entry.claimId]);
    this.events.emit({ type: 'conflicts.changed', count: this.store.outboxCounts().conflicts });
    if (choice === 'reapply') this.sync.kick();
    return { entry };
  }

  // ── settings ──

  settings(): Settings {
    return readSettings(this.store, this.pinnedServiceUrl);
  }

  setSettings(change: Partial<Settings>): Settings {
    return writeSettings(this.store, change, this.pinnedServiceUrl);
  }
}

export const createCore = (options: CoreOptions): Promise<WorkstationCore> => WorkstationCore.open(options);
