// Specification of the mutation contract at the boundary: what a Mutation must look like to be
// accepted, and how a refusal becomes a validation problem that names the offending field.
import { describe, expect, it } from 'vitest';
import { Mutation, PROBLEM_TYPES, PushRequest, validationProblem, workstationApi } from '../../shared/contracts';

const base = { id: '0b7e8d2c-2f4e-4a51-9c3d-7f6a1b2c3d4e', claimId: 'claim-1', baseVersion: 3 };
const problemOf = (input: unknown, where = 'mutation') => {
  const r = Mutation.safeParse(input);
  expect(r.success, 'the input should be refused').toBe(false);
  return validationProblem(r.error!, where);
};

describe('Mutation', () => {
  it('accepts a well-formed request for information', () => {
    const m = {
      ...base,
      kind: 'request-info',
      payload: { reasons: [{ code: 'missing-product', productId: 'p-1' }], message: 'Dynamics 365 Sales is not named.' },
    };
    expect(Mutation.parse(m)).toEqual(m);
  });
  it('fills a checklist tick’s product and note with null', () => {
    expect(Mutation.parse({ ...base, kind: 'checklist', payload: { code: 'missing-all-poe', checked: true } }).payload).toEqual({
      code: 'missing-all-poe',
      productId: null,
      checked: true,
      note: null,
    });
  });
  it('refuses an unknown kind, naming the kind field', () => {
    const p = problemOf({ ...base, kind: 'withdraw', payload: {} });
    expect(p.field).toBe('mutation.kind');
  });
  it('refuses a request for information without reasons', () => {
    const p = problemOf({ ...base, kind: 'request-info', payload: { message: 'More please.' } });
    expect(p.field).toBe('mutation.payload.reasons');
  });
  it('refuses a request for information with an empty reason list, asking for at least one reason', () => {
    const p = problemOf({ ...base, kind: 'request-info', payload: { reasons: [], message: 'More please.' } });
    expect(p.field).toBe('mutation.payload.reasons');
    expect(p.detail).toBe('mutation.payload.reasons: tick at least one checklist reason');
  });
  it('refuses a request for information with an unknown reason code, naming the reason', () => {
    const p = problemOf({ ...base, kind: 'request-info', payload: { reasons: [{ code: 'bad-vibes', productId: null }], message: 'x' } });
    expect(p.field).toBe('mutation.payload.reasons.0.code');
  });
  it('refuses a request for information whose message is only spaces', () => {
    const p = problemOf({ ...base, kind: 'request-info', payload: { reasons: [{ code: 'missing-all-poe', productId: null }], message: '   ' } });
    expect(p.detail).toBe('mutation.payload.message: a message to the partner is required');
  });
  it.each(['customer-declined', 'no-partner-response', 'partner-request'])(
    'refuses a rejection with "%s", a reason only the customer, the partner or a timer records',
    (reason) => {
      const p = problemOf({ ...base, kind: 'reject', payload: { reason, message: 'No.' } });
      expect(p.field).toBe('mutation.payload.reason');
    },
  );
  it.each(['insufficient-poe', 'missing-customer-consent', 'missing-product', 'poe-unavailable'])(
    'accepts a rejection with the reviewer’s reason "%s"',
    (reason) => {
      expect(Mutation.safeParse({ ...base, kind: 'reject', payload: { reason, message: 'No.' } }).success).toBe(true);
    },
  );
  it('refuses an empty comment', () => {
    expect(problemOf({ ...base, kind: 'comment', payload: { text: ' ' } }).detail).toBe('mutation.payload.text: a comment cannot be empty');
  });
  it('refuses a mutation id that is not a UUID', () => {
    expect(problemOf({ ...base, id: 'm-1', kind: 'comment', payload: { text: 'hi' } }).field).toBe('mutation.id');
  });
  it('refuses a negative base version', () => {
    expect(problemOf({ ...base, baseVersion: -1, kind: 'comment', payload: { text: 'hi' } }).field).toBe('mutation.baseVersion');
  });
  it('refuses a dispute outcome other than uphold or overturn', () => {
    expect(problemOf({ ...base, kind: 'resolve-dispute', payload: { outcome: 'maybe', message: 'Hmm.' } }).field).toBe('mutation.payload.outcome');
  });
});

describe('validationProblem', () => {
  it('is a 400 validation problem whose detail starts with the field', () => {
    const p = problemOf({ ...base, kind: 'reject', payload: { reason: 'customer-declined', message: 'No.' } }, 'body');
    expect(p).toMatchObject({ type: PROBLEM_TYPES.validation, title: 'Invalid input', status: 400, field: 'body.payload.reason' });
    expect(p.detail.startsWith('body.payload.reason: ')).toBe(true);
  });
  it('names the field by its path alone when no prefix is given', () => {
    expect(problemOf({ ...base, kind: 'comment', payload: { text: '' } }, '').field).toBe('payload.text');
  });
  it('names the index of the offending mutation in a push', () => {
    const r = PushRequest.safeParse({
      mutations: [
        { ...base, kind: 'comment', payload: { text: 'ok' } },
        { ...base, kind: 'approve', payload: { message: 7 } },
      ],
    });
    expect(r.success).toBe(false);
    expect(validationProblem(r.error!, 'body').field).toBe('body.mutations.1.payload.message');
  });
  it('refuses an empty push, naming the list', () => {
    const r = PushRequest.safeParse({ mutations: [] });
    expect(validationProblem(r.error!, 'body').field).toBe('body.mutations');
  });
});

describe('the service address a reviewer gives', () => {
  it.each(['http://127.0.0.1:8787', 'https://review.example'])('accepts %s', (url) => {
    expect(workstationApi['settings.set'].input.safeParse({ serviceUrl: url }).success).toBe(true);
    expect(workstationApi['session.login'].input.safeParse({ username: 'rev1', password: 'demo', serviceUrl: url }).success).toBe(true);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://review.example'])('refuses %s, naming what it needs', (url) => {
    const result = workstationApi['settings.set'].input.safeParse({ serviceUrl: url });
    expect(result.success).toBe(false);
    expect(validationProblem(result.error!, 'input').detail).toBe('input.serviceUrl: an http(s) address of the review service');
    expect(workstationApi['session.login'].input.safeParse({ username: 'rev1', password: 'demo', serviceUrl: url }).success).toBe(false);
  });
});
