// The checker of the crash and partition runs, on hand-made outcomes: it must see a lost action, a
// doubled one, one nobody took, an undone one that arrived anyway, and a service answer that is not
// the replay of its history. Otherwise a green run would prove nothing.
import { describe, expect, it } from 'vitest';
import { materialize, type Claim, type ClaimFacts } from '../../shared/contracts';
import { DEFAULT_CALENDAR, type HistoryEntry } from '../../shared/domain';
import { ActionLog, checkExactlyOnce, checkReplay, type ServiceSnapshot } from './invariants';

const reviewer = { id: 'u-rev1', name: 'Reviewer', role: 'reviewer' as const };
const partner = { id: 'u-p1', name: 'Partner', role: 'partner' as const };
const at = (n: number) => `2026-03-02T01:00:0${n}.000Z`;
const base: HistoryEntry[] = [
  { seq: 1, at: at(0), actor: partner, kind: 'created' },
  { seq: 2, at: at(1), actor: partner, kind: 'submitted' },
  { seq: 3, at: at(2), actor: reviewer, kind: 'review-started' },
];
const facts: ClaimFacts = {
  id: 'CLM-1',
  createdAt: at(0),
  partner: { mpnId: '1234567', name: 'Contoso' },
  customer: { name: 'Fabrikam', tenantId: '6f1c1a70-9d6e-4a55-9a8e-0f3c2b1d4e5f', domain: 'fabrikam.example' },
  subscriptionId: null,
  activity: 'deployment',
  products: [{ id: 'CLM-1-p1', name: 'Dynamics 365 Sales', family: 'dynamics-365', workload: 'Sales', removed: false }],
  customerContact: { name: 'C', email: 'c@fabrikam.example', phone: null },
  partnerContact: { name: 'P', email: 'p@contoso.example', phone: null },
  documents: [],
};

function snapshot(history: HistoryEntry[], applied: ServiceSnapshot['applied']): ServiceSnapshot {
  return {
    applied,
    history: new Map([['CLM-1', history]]),
    facts: new Map([['CLM-1', facts]]),
    index: new Map([['CLM-1', { version: history.at(-1)!.seq, status: 'in-review' }]]),
    calendar: DEFAULT_CALENDAR,
  };
}
const comment = (seq: number, text: string): HistoryEntry => ({ seq, at: at(seq), actor: reviewer, kind: 'comment', text });
const row = (id: string, seq: number, kind = 'comment') => ({ id, claim_id: 'CLM-1', kind, result_version: seq, reviewer_id: 'u-rev1' });

describe('the exactly-once check', () => {
  it('passes an action applied once and one shown as a conflict', () => {
    const log = new ActionLog();
    log.recorded.set('a', { id: 'a', claimId: 'CLM-1', kind: 'comment', payload: { text: 'one' } });
    log.recorded.set('b', { id: 'b', claimId: 'CLM-1', kind: 'approve', payload: { message: null } });
    const found = checkExactlyOnce(
      log,
      snapshot([...base, comment(4, 'one')], [row('a', 4)]),
      { outbox: [{ id: 'b', state: 'conflict', claim_id: 'CLM-1' }] },
      'u-rev1',
    );
    expect(found).toEqual({ violations: [], checked: 2, lost: 0, duplicated: 0 });
  });

  it('counts an action neither on the service nor in the outbox as lost, and one still pending too', () => {
    const log = new ActionLog();
    log.recorded.set('a', { id: 'a', claimId: 'CLM-1', kind: 'comment', payload: { text: 'one' } });
    log.recorded.set('b', { id: 'b', claimId: 'CLM-1', kind: 'comment', payload: { text: 'two' } });
    const found = checkExactlyOnce(log, snapshot(base, []), { outbox: [{ id: 'b', state: 'pending', claim_id: 'CLM-1' }] }, 'u-rev1');
    expect(found.lost).toBe(2);
    expect(found.violations.join('\n')).toMatch(/neither on the service[\s\S]*still pending/);
  });

  it('counts a reviewer entry without a mutation of its own, and a mutation nobody took, as duplicated', () => {
    const log = new ActionLog();
    log.recorded.set('a', { id: 'a', claimId: 'CLM-1', kind: 'comment', payload: { text: 'one' } });
    const doubled = checkExactlyOnce(log, snapshot([...base, comment(4, 'one'), comment(5, 'one')], [row('a', 4)]), { outbox: [] }, 'u-rev1');
    expect(doubled.duplicated).toBe(1);
    const phantom = checkExactlyOnce(new ActionLog(), snapshot([...base, comment(4, 'x')], [row('z', 4)]), { outbox: [] }, 'u-rev1');
    expect(phantom.duplicated).toBe(1);
    expect(phantom.violations[0]).toMatch(/phantom/);
  });

  it('accepts one arrival per action whose answer a crash cut off, and no second one', () => {
    const log = new ActionLog();
    log.uncertain.push({ claimId: 'CLM-1', kind: 'comment', payload: { text: 'cut' } });
    const once = checkExactlyOnce(log, snapshot([...base, comment(4, 'cut')], [row('x', 4)]), { outbox: [] }, 'u-rev1');
    expect(once.violations).toEqual([]);
    const twice = checkExactlyOnce(log, snapshot([...base, comment(4, 'cut'), comment(5, 'cut')], [row('x', 4), row('y', 5)]), { outbox: [] }, 'u-rev1');
    expect(twice.duplicated).toBe(1);
  });

  it('refuses an undone action that reached the service, and one applied with other content', () => {
    const log = new ActionLog();
    log.recorded.set('a', { id: 'a', claimId: 'CLM-1', kind: 'comment', payload: { text: 'one' } });
    log.undone.add('a');
    expect(checkExactlyOnce(log, snapshot([...base, comment(4, 'one')], [row('a', 4)]), { outbox: [] }, 'u-rev1').violations[0]).toMatch(/undone action a/);
    const other = new ActionLog();
    other.recorded.set('a', { id: 'a', claimId: 'CLM-1', kind: 'comment', payload: { text: 'one' } });
    expect(checkExactlyOnce(other, snapshot([...base, comment(4, 'two')], [row('a', 4)]), { outbox: [] }, 'u-rev1').violations[0]).toMatch(/not as recorded/);
  });
});

describe('the replay check', () => {
  const history = [...base, comment(4, 'hello')];
  const answer = (): Claim => materialize(facts, history, { now: at(5), calendar: DEFAULT_CALENDAR, lease: null, competing: [] });

  it('accepts a service whose index and answer are the replay of its history', () => {
    expect(checkReplay(snapshot(history, []), new Map([['CLM-1', answer()]]))).toEqual([]);
  });

  it('sees a stored status, a gap in the history and an answer that disagree with the replay', () => {
    const s = snapshot(history, []);
    s.index.set('CLM-1', { version: 4, status: 'approved' });
    expect(checkReplay(s, new Map())).toEqual([expect.stringMatching(/stored status approved, replay says in-review/)]);
    expect(checkReplay(snapshot([...base, comment(5, 'gap')], []), new Map())[0]).toMatch(/seq 5 at position 4/);
    expect(checkReplay(snapshot(history, []), new Map([['CLM-1', { ...answer(), status: 'approved' }]]))[0]).toMatch(/answers status "approved"/);
  });
});
