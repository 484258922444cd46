// Specification of how each reviewer mutation becomes history: the event it appends (schema-valid,
// defaults filled) and the action it needs permission for.
import { describe, expect, it } from 'vitest';
import { Mutation, MUTATION_KINDS, MutationPayloads, type MutationKind, type MutationPayload } from '../../shared/contracts';
import { checkAction, COMMUTING_KINDS, contextOf, HistoryEvent, MUTATION_ACTION, mutationEvent, type ClaimAction } from '../../shared/domain';
import { UTC } from './story';

const parse = <K extends MutationKind>(kind: K, payload: unknown): MutationPayload<K> => MutationPayloads[kind].parse(payload) as MutationPayload<K>;

describe('mutationEvent', () => {
  it('turns a comment into a comment event with the same text', () => {
    expect(mutationEvent('comment', parse('comment', { text: 'Please upload the signed page.' }))).toEqual({
      kind: 'comment',
      text: 'Please upload the signed page.',
    });
  });
  it('turns a checklist tick into a checklist event, claim-level with no note by default', () => {
    expect(mutationEvent('checklist', parse('checklist', { code: 'date-missing-or-outdated', checked: true }))).toEqual({
      kind: 'checklist',
      code: 'date-missing-or-outdated',
      productId: null,
      checked: true,
      note: null,
    });
  });
  it('keeps the product and the note of a per-product checklist tick, and an untick', () => {
    expect(mutationEvent('checklist', parse('checklist', { code: 'missing-product', productId: 'p-2', checked: false, note: 'Now named on page 2.' }))).toEqual(
      {
        kind: 'checklist',
        code: 'missing-product',
        productId: 'p-2',
        checked: false,
        note: 'Now named on page 2.',
      },
    );
  });
  it('fills a checklist event’s missing product and note with null even from an unparsed payload', () => {
    expect(mutationEvent('checklist', { code: 'missing-all-poe', checked: true } as never)).toEqual({
      kind: 'checklist',
      code: 'missing-all-poe',
      productId: null,
      checked: true,
      note: null,
    });
  });
  it('turns an approval into an approved event, with or without a message', () => {
    expect(mutationEvent('approve', parse('approve', {}))).toEqual({ kind: 'approved', message: null });
    expect(mutationEvent('approve', parse('approve', { message: 'Thank you.' }))).toEqual({ kind: 'approved', message: 'Thank you.' });
  });
  it('turns a request for information into an info-requested event carrying every reason and the message', () => {
    const reasons = [
      { code: 'missing-customer-acknowledgement', productId: null },
      { code: 'missing-product', productId: 'p-1' },
    ];
    expect(mutationEvent('request-info', parse('request-info', { reasons, message: 'Two things are missing.' }))).toEqual({
      kind: 'info-requested',
      reasons,
      message: 'Two things are missing.',
    });
  });
  it('turns a rejection into a rejected event with the reviewer’s reason', () => {
    expect(mutationEvent('reject', parse('reject', { reason: 'poe-unavailable', message: 'The file cannot be opened.' }))).toEqual({
      kind: 'rejected',
      reason: 'poe-unavailable',
      message: 'The file cannot be opened.',
    });
  });
  it('turns a dispute answer into a dispute-resolved event with its outcome', () => {
    for (const outcome of ['uphold', 'overturn'] as const) {
      expect(mutationEvent('resolve-dispute', parse('resolve-dispute', { outcome, message: 'Decided.' }))).toEqual({
        kind: 'dispute-resolved',
        outcome,
        message: 'Decided.',
      });
    }
  });
  it('turns a product removal into a product-removed event naming the product', () => {
    expect(mutationEvent('remove-product', parse('remove-product', { productId: 'p-3', message: 'Not in the PoE.' }))).toEqual({
      kind: 'product-removed',
      productId: 'p-3',
      message: 'Not in the PoE.',
    });
  });
  it('always produces a valid history event', () => {
    const samples: { [K in MutationKind]: unknown } = {
      comment: { text: 'x' },
      checklist: { code: 'missing-partner-solution', productId: 'p-1', checked: true },
      approve: {},
      'request-info': { reasons: [{ code: 'missing-all-poe', productId: null }], message: 'm' },
      reject: { reason: 'insufficient-poe', message: 'm' },
      'resolve-dispute': { outcome: 'uphold', message: 'm' },
      'remove-product': { productId: 'p-1', message: 'm' },
    };
    for (const kind of MUTATION_KINDS) expect(() => HistoryEvent.parse(mutationEvent(kind, parse(kind, samples[kind]))), kind).not.toThrow();
  });
  it('refuses an unknown kind, naming it', () => {
    expect(() => mutationEvent('withdraw' as MutationKind, {} as never)).toThrow('Unknown mutation kind "withdraw"');
  });
});

describe('MUTATION_ACTION', () => {
  const expected: Record<MutationKind, ClaimAction> = {
    comment: 'comment',
    checklist: 'checklist',
    approve: 'approve',
    'request-info': 'request-info',
    reject: 'reject',
    'resolve-dispute': 'resolve-dispute',
    'remove-product': 'remove-product',
  };

  it('names the action each mutation needs permission for', () => {
    expect(MUTATION_ACTION).toEqual(expected);
    expect(Object.keys(MUTATION_ACTION).sort()).toEqual([...MUTATION_KINDS].sort());
  });
  it('maps every mutation to an action whose role check lets a reviewer through (mutations are the reviewer’s)', () => {
    const draft = contextOf([], { now: '2026-01-01T00:00:00.000Z', calendar: UTC, documentCount: 0, activeProductCount: 0 });
    for (const kind of MUTATION_KINDS) {
      const r = checkAction(MUTATION_ACTION[kind], 'reviewer', draft);
      expect(r.ok ? '' : r.reason, kind).not.toMatch(/may not/);
      const p = checkAction(MUTATION_ACTION[kind], 'qa_lead', draft);
      expect(p.ok ? '' : p.reason, kind).toMatch(/a qa_lead may not/);
    }
  });
});

describe('COMMUTING_KINDS', () => {
  it('lets only comments apply on a stale version; every decision and checklist tick depends on it', () => {
    expect(COMMUTING_KINDS).toEqual(['comment']);
  });
});

describe('Mutation ids and claim references', () => {
  it('parses a whole mutation with its id, claim and base version', () => {
    const m = Mutation.parse({ id: '0b7e8d2c-2f4e-4a51-9c3d-7f6a1b2c3d4e', claimId: 'claim-1', baseVersion: 4, kind: 'approve', payload: {} });
    expect(m).toEqual({ id: '0b7e8d2c-2f4e-4a51-9c3d-7f6a1b2c3d4e', claimId: 'claim-1', baseVersion: 4, kind: 'approve', payload: { message: null } });
  });
});
