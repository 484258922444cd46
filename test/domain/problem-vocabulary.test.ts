// One problem vocabulary: every problem type the service and the workstation answer with comes from
// shared/contracts/problem.ts (type, title and status together), and no product source writes a `urn:`
// by hand. The wire values themselves are pinned here, since clients match on them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, problemOf } from '../../shared/contracts';

const ROOT = path.resolve(__dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });

describe('the problem vocabulary', () => {
  it('names each kind with a urn:poe:problem type', () => {
    expect(PROBLEM_TYPES).toMatchObject({
      validation: 'urn:poe:problem:validation',
      offline: 'urn:poe:problem:offline',
      notReady: 'urn:poe:problem:not-ready',
    });
    for (const type of Object.values(PROBLEM_TYPES)) expect(type).toMatch(/^urn:poe:problem:[a-z-]+$/);
  });

  it('builds a problem with the kind’s type, title and status, and the field when given', () => {
    expect(problemOf('transition', 'not now')).toEqual({ type: PROBLEM_TYPES.transition, title: 'Action not allowed now', status: 409, detail: 'not now' });
    expect(problemOf('validation', 'x: bad', { field: 'x' })).toEqual({
      type: PROBLEM_TYPES.validation,
      title: 'Invalid input',
      status: 400,
      detail: 'x: bad',
      field: 'x',
    });
    expect(problemOf('offline', 'no service').status).toBe(503);
  });

  it('is the only place a problem type is written: no hand-written urn: in the product sources', () => {
    const offenders = ['shared', 'common', 'server', 'electron', 'renderer']
      .flatMap(sources)
      .filter((file) => file !== path.join('shared', 'contracts', 'problem.ts') && readFileSync(path.join(ROOT, file), 'utf8').includes('urn:poe:'));
    expect(offenders).toEqual([]);
  });
});
