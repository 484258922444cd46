// reliability (issue 13): what the workstation learns from every answer of the service beside its body.
// The service database's epoch: sent with each request (the service refuses actions against a
// database restored since, see rebase.ts) and adopted on first contact. The service clock's offset
// from ours: lease renewal is scheduled on the service's clock, so a workstation whose clock is a day
// off neither lets its lease lapse nor renews it early (see serviceNow).
import { EPOCH_HEADER, SERVICE_TIME_HEADER } from '../../shared/contracts';
import type { FetchLike } from './service-client';
import type { Store } from './store/queries';

/** Where the epoch of the service last synced with is kept (with its URL: another service has another epoch). */
export const EPOCH_KEY = 'service.epoch';

interface StoredEpoch {
  serviceUrl: string;
  epoch: string;
}

export class ServiceLink {
  /** The service clock minus ours, in ms, from the last answer (0 until one came). */
  offsetMs = 0;
  /** The epoch the last answer named, per service URL. */
  private readonly seen = new Map<string, string>();
  /** While a rebase reads the restored service, the epoch it reads it under. */
  private rebasing: StoredEpoch | null = null;

  constructor(
    private readonly store: Store,
    private readonly now: () => string,
  ) {}

  /** The epoch this profile last synced with at `serviceUrl`, or null (never, or another service). */
  expected(serviceUrl: string): string | null {
    if (this.rebasing?.serviceUrl === serviceUrl) return this.rebasing.epoch;
    const stored = this.storedEpoch();
    return stored && stored.serviceUrl === serviceUrl ? stored.epoch : null;
  }

  /** The stored epoch, parsed again only after a key-value write (it is asked twice per request: 800 times in a pull). */
  private storedEpoch(): StoredEpoch | null {
    return this.store.keptValue<StoredEpoch>(EPOCH_KEY);
  }

  /** The epoch the service named last, when it differs from the one synced with (a restore happened). */
  newEpoch(serviceUrl: string): string | null {
    const seen = this.seen.get(serviceUrl) ?? null;
    return seen !== null && seen !== this.expected(serviceUrl) ? seen : null;
  }

  /** Runs `fn` (reading the restored service) under `epoch`; the epoch is adopted by the caller's own transaction. */
  async under<T>(serviceUrl: string, epoch: string, fn: () => Promise<T>): Promise<T> {
    this.rebasing = { serviceUrl, epoch };
    try {
      return await fn();
    } finally {
      this.rebasing = null;
    }
  }

  /** Records `epoch` as the one synced with (call inside the transaction that rebased onto it). */
  adopt(serviceUrl: string, epoch: string): void {
    this.store.setValue(EPOCH_KEY, { serviceUrl, epoch } satisfies StoredEpoch);
  }

  /** Now on the service's clock (epoch ms). */
  serviceNow(): number {
    return Date.parse(this.now()) + this.offsetMs;
  }

  serviceNowIso(): string {
    return new Date(this.serviceNow()).toISOString();
  }

  /** `fetch` with the epoch sent and the epoch and clock of each answer noted. */
  wrap(fetch: FetchLike, serviceUrl: string): FetchLike {
    return async (input, init) => {
      const headers = { ...(init.headers as Record<string, string>), [EPOCH_HEADER]: this.safely(() => this.expected(serviceUrl)) ?? '' };
      const sent = Date.parse(this.now());
      const res = await fetch(input, { ...init, headers });
      const received = Date.parse(this.now());
      const time = Date.parse(res.headers.get(SERVICE_TIME_HEADER) ?? '');
      if (Number.isFinite(time)) this.offsetMs = Math.round(time - (sent + received) / 2);
      const epoch = res.headers.get(EPOCH_HEADER);
      if (epoch) {
        this.seen.set(serviceUrl, epoch);
        // First contact (a new profile, or one from before epochs): nothing to rebase, this is the epoch.
        if (this.safely(() => this.expected(serviceUrl)) === null) this.safely(() => this.adopt(serviceUrl, epoch));
      }
      return res;
    };
  }

  /** The profile may be closing while a request is still out: its answer's news is then dropped. */
  private safely<T>(fn: () => T): T | null {
    try {
      return fn();
    } catch {
      return null;
    }
  }
}
