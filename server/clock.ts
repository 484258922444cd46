// The service clock: wall time (or an injected source) plus the offset a test clock has advanced it by.
// Every "now" of the service comes from here, so tests can cross deadlines without waiting.
import { DateTime, Duration } from 'luxon';

export class ServiceClock {
  constructor(
    private readonly source: () => Date = () => new Date(),
    private offsetMs = 0,
  ) {}

  now(): Date {
    return new Date(this.source().getTime() + this.offsetMs);
  }

  /** Now as a UTC ISO-8601 instant with milliseconds (the format every stored instant uses). */
  iso(): string {
    return this.now().toISOString();
  }

  get offset(): number {
    return this.offsetMs;
  }

  /**
   * Takes up an offset another instance sharing the database has advanced to (never moving back): with
   * a shared database the test clock is the cluster's, one offset stored with the data.
   */
  sync(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > this.offsetMs) this.offsetMs = offsetMs;
  }

  /** Moves the clock forward by an ISO-8601 duration ("P6D", "PT2H", "P1M"); returns the new now. */
  advance(isoDuration: string): Date {
    const d = Duration.fromISO(isoDuration);
    if (!d.isValid) throw new RangeError(`"${isoDuration}" is not an ISO-8601 duration`);
    const from = DateTime.fromJSDate(this.now(), { zone: 'utc' });
    const to = from.plus(d);
    if (to < from) throw new RangeError('the test clock only moves forward');
    this.offsetMs += to.toMillis() - from.toMillis();
    return this.now();
  }
}
