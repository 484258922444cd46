// The page's small rules behind the audit keys and the read-only lapsed claim: which sampled decision
// opens after a submit, that the audit keys clash with no review key, and when the lease lets a reviewer act.
import { describe, expect, it } from 'vitest';
import type { AuditListItem, Claim } from '../../shared/contracts';
import { clashes, DEFAULT_SHORTCUTS, reasonOfShortcut } from '../../renderer/shortcuts/keymap';
import { leaseHeld } from '../../renderer/review/permissions';
import { nextToAudit } from '../../renderer/store/audit';

const item = (claimId: string, state: AuditListItem['state']) => ({ claimId, state }) as AuditListItem;

describe('the next decision to audit', () => {
  const items = [item('A', 'audited'), item('B', 'open'), item('C', 'pending'), item('D', 'draft'), item('E', 'open')];
  it('is the first open or draft one after the submitted one', () => {
    expect(nextToAudit(items, 'B')).toBe('D');
    expect(nextToAudit(items, 'D')).toBe('E');
  });
  it('wraps to the top, and is none when nothing is left to audit', () => {
    expect(nextToAudit(items, 'E')).toBe('B');
    expect(nextToAudit([item('A', 'audited'), item('B', 'pending')], 'A')).toBeNull();
    expect(nextToAudit([item('A', 'open')], 'A')).toBeNull();
  });
});

describe('the audit keys', () => {
  it('share no key with another action by default', () => {
    expect([...clashes(DEFAULT_SHORTCUTS)]).toEqual([]);
    expect([DEFAULT_SHORTCUTS['audit-agree'], DEFAULT_SHORTCUTS['audit-disagree'], DEFAULT_SHORTCUTS['audit-submit']]).toEqual(['g', 'd', 'ctrl+Enter']);
  });
  it('give 1-5 the checklist reasons in order, in review and in audit alike', () => {
    expect(reasonOfShortcut('toggle-reason-1')).toBe('missing-all-poe');
    expect(reasonOfShortcut('toggle-reason-5')).toBe('missing-product');
    expect(reasonOfShortcut('approve')).toBeNull();
  });
});

describe('acting as far as the lease goes', () => {
  const claim = (reviewerId: string | null) =>
    ({ lease: reviewerId ? { id: 'l', reviewerId, expiresAt: '2026-01-01T00:00:00.000Z' } : null }) as unknown as Claim;
  it('is open on a claim leased to me, even past its end (offline work is re-leased on reconnect)', () => {
    expect(leaseHeld({ server: claim('u-rev1'), pending: [] }, 'u-rev1')).toBe(true);
  });
  it('is closed on a claim that left my batch, unless my actions on it still wait to sync', () => {
    expect(leaseHeld({ server: claim(null), pending: [] }, 'u-rev1')).toBe(false);
    expect(leaseHeld({ server: claim('u-rev2'), pending: [] }, 'u-rev1')).toBe(false);
    expect(leaseHeld({ server: claim(null), pending: [{}] }, 'u-rev1')).toBe(true);
  });
});
