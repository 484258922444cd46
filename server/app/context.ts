// What every application operation runs with: the store, the clock, the calendar and the settings;
// and who is calling. Built once by startService and passed down; no module keeps global state.
import type { Actor, BusinessCalendar, PartnerRole, Role } from '../../shared/domain';
import type { ServiceClock } from '../clock';
import type { Store, UserRecord } from '../store/repository';
import type { ClaimLimits } from './claim-limits';
import type { LoginAttempts } from './login-throttle';

export interface AppContext {
  store: Store;
  clock: ServiceClock;
  calendar: BusinessCalendar;
  leaseMinutes: number;
  /** The longest offline checkout, in minutes. */
  offlineLeaseMaxMinutes: number;
  maxUploadBytes: number;
  /** Comments, documents and bytes one claim may hold. */
  claimLimits: ClaimLimits;
  /** Failed sign-ins shared by every instance (PostgreSQL); default: counted in this process. */
  loginAttempts?: LoginAttempts;
  /** Sweep timers before each request that touches claims (default true); false when a scheduled sweep alone runs them. */
  sweepOnRequest?: boolean;
  /** The test clock is shared with other instances through the database (test-clock.ts): take its offset up before each request and sweep. */
  sharedClock?: boolean;
  /** The demo world's claims, planned and stored, while (and after) this process seeds them in the background. */
  demo?: { claims: number; stored: number };
}

export interface Caller {
  id: string;
  name: string;
  role: Role;
  companyId: string | null;
  tenantId: string | null;
  /** SHA-256 of the bearer token this request came with (for logout). */
  tokenHash: string;
  /** Partner users: their partner-side role (billing, global or incentives admin), recorded on what they do. */
  partnerRole?: PartnerRole;
}

export const callerOf = (u: UserRecord, tokenHash: string): Caller => ({
  id: u.id,
  name: u.name,
  role: u.role,
  companyId: u.companyId,
  tenantId: u.tenantId,
  tokenHash,
});
export const actorOf = (c: Pick<Caller, 'id' | 'name' | 'role' | 'partnerRole'>): Actor => ({
  id: c.id,
  name: c.name,
  role: c.role,
  ...(c.partnerRole ? { partnerRole: c.partnerRole } : {}),
});
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Review service', role: 'system' };
