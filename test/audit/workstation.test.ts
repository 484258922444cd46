// The workstation's audit mode against the real review service, through the core's handler table: a
// QA lead pulls a sample (claims and PoE cached), audits blind or not, offline too, and each audit
// reaches the service exactly once; refusals are kept; corrections, statistics, CSV exports, and a
// reviewer's view of the audits of their own decisions.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withExportSaving } from '../../electron/main/export-saving';
import { WorkstationError, type AuditView, type WorkstationError as WsError } from '../../shared/contracts';
import { FINDING_TARGETS } from '../../shared/domain';
import { openCore, type TestCore } from '../core/harness';
import { startLink, type Link } from '../core/link';
import { signIn, startTestService, type Client, type TestService } from '../support/service';
import { agreeing, approve, decide, findings, readCsv, reject, requestInfo } from './world';

let svc: TestService;
let link: Link;
let ws: TestCore;
let qa: Client;
const claims: { rev1: string[]; rev2: string[] } = { rev1: [], rev2: [] };

const problemOf = (e: unknown) => (e as WsError).problem;
const serviceAudits = async (claimId: string) => (await qa.call('auditList', { query: { history: 'true' } })).audits.filter((a) => a.claimId === claimId);

beforeAll(async () => {
  svc = await startTestService({ demoClaims: 0 });
  claims.rev1 = await decide(svc.url, 'rev1', [reject('insufficient-poe', 'missing-customer-acknowledgement'), requestInfo('missing-product'), approve()]);
  claims.rev2 = await decide(svc.url, 'rev2', [approve(), reject()], 'partner2');
  // A partner's comment after the decision: not part of what the reviewer had.
  qa = await signIn(svc.url, 'qa1');
  link = await startLink(svc.url);
  ws = await openCore(link.url);
  await ws.call('session.login', { username: 'qa1', password: 'demo' });
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await link?.close();
  await svc?.stop();
});

describe('pulling a sample', () => {
  it('draws it on the service and caches each claim with its PoE documents for offline work', async () => {
    const pulled = await ws.call('audit.pull', { seed: 2, mode: 'random', size: 10 });
    expect(pulled).toMatchObject({ drawn: 5, items: 5, documents: 5, population: 5 });
    const { items } = await ws.call('audit.list', { blind: false });
    expect(items.map((i) => i.claimId).sort()).toEqual([...claims.rev1, ...claims.rev2].sort());
    expect(items.every((i) => i.state === 'open' && i.decisionKind !== null)).toBe(true);
    link.cut = true;
    try {
      const view = await ws.call('audit.get', { claimId: claims.rev2[1]!, blind: false });
      const doc = await ws.call('document.get', { sha256: view.claim.documents[0]!.sha256 });
      expect(Buffer.from(doc.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      const refused = await ws.call('audit.pull', { seed: 3, mode: 'random', size: 1 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkstationError);
      expect(problemOf(refused).status).toBe(503);
    } finally {
      link.cut = false;
    }
  });

  it('refuses audit mode to anyone who is not a QA lead', async () => {
    const reviewer = await openCore(svc.url);
    try {
      await reviewer.call('session.login', { username: 'rev3', password: 'demo' });
      const err = await reviewer.call('audit.list', {}).catch((e: unknown) => e);
      expect(problemOf(err).status).toBe(403);
    } finally {
      await reviewer.close();
    }
  });
});

describe('a blind audit', () => {
  const id = () => claims.rev1[0]!; // rejected with "missing customer acknowledgement" ticked

  it("hides the reviewer's decision, checklist and messages until the QA lead answered every finding", async () => {
    const view = await ws.call('audit.get', { claimId: id(), blind: true });
    expect(view.decision).toBeNull();
    expect(view.reviewerAnswers).toBeNull();
    expect(view.item.decisionKind).toBeNull();
    expect(view.claim.status).toBe('in-review');
    expect(view.claim.checklist).toEqual([]);
    expect(view.claim.history.some((e) => e.actor.role === 'reviewer' && e.kind !== 'review-started')).toBe(false);
    expect(view.claim.comments.some((c) => c.author.role === 'reviewer')).toBe(false);
    expect((await ws.call('audit.list', { blind: true })).items.find((i) => i.claimId === id())!.decisionKind).toBeNull();

    const early = await ws.call('audit.draft', { claimId: id(), findings: [{ target: 'decision', verdict: 'agree' }] }).catch((e: unknown) => e);
    expect(problemOf(early).status).toBe(409);
    const partly = await ws.call('audit.draft', {
      claimId: id(),
      findings: [
        { target: 'decision', answer: 'reject', note: 'No signature on page 3.' },
        { target: 'missing-customer-acknowledgement', answer: true },
      ],
    });
    expect(partly.decision).toBeNull();
    expect(partly.draft?.findings.every((f) => f.verdict === null)).toBe(true);
  });

  it('shows the decision once every own answer is in, with each verdict worked out, and submits it as blind', async () => {
    const rest = FINDING_TARGETS.filter((t) => t !== 'decision' && t !== 'missing-customer-acknowledgement').map((target) => ({
      target,
      answer: target === 'date-missing-or-outdated',
    }));
    const view: AuditView = await ws.call('audit.draft', { claimId: id(), findings: rest });
    expect(view.decision?.kind).toBe('reject');
    expect(view.claim.checklist.map((c) => c.code)).toEqual(['missing-customer-acknowledgement']);
    expect(view.claim.comments.some((c) => c.author.role === 'reviewer')).toBe(true);
    const verdicts = Object.fromEntries(view.draft!.findings.map((f) => [f.target, f.verdict]));
    expect(verdicts).toEqual({
      decision: 'agree',
      'missing-all-poe': 'agree',
      'missing-customer-acknowledgement': 'agree',
      'date-missing-or-outdated': 'disagree',
      'missing-partner-solution': 'agree',
      'missing-product': 'agree',
    });
    link.onResponse = (method, path) => !(method === 'POST' && path === '/api/v1/audits'); // the service applies it; its answer is lost
    const { entry } = await ws.call('audit.submit', { claimId: id() });
    expect(entry.state).toBe('pending');
    await ws.call('sync.run', {});
    expect((await ws.call('sync.status', {})).pending).toBe(1);
    link.onResponse = null;
    await ws.call('sync.run', {});
    expect((await ws.call('sync.status', {})).pending).toBe(0);
    const onService = await serviceAudits(id());
    expect(onService.map((a) => a.id)).toEqual([entry.id]); // exactly once, under the workstation's id
    expect(onService[0]).toMatchObject({ blind: true, auditor: { id: 'u-qa1' } });
    expect(onService[0]!.findings.find((f) => f.target === 'decision')!.note).toBe('No signature on page 3.');
    const after = await ws.call('audit.get', { claimId: id(), blind: true });
    expect(after.records.map((r) => r.id)).toEqual([entry.id]);
    expect(after.item.state).toBe('audited');
  });
});

describe('auditing offline', () => {
  it('records agree and disagree with notes offline; the audit waits in the outbox and syncs once back', async () => {
    const claimId = claims.rev1[1]!; // information requested for a missing product
    link.cut = true;
    try {
      const open = await ws.call('audit.get', { claimId, blind: false });
      expect(open.decision?.kind).toBe('request-info');
      await ws.call('audit.draft', { claimId, findings: FINDING_TARGETS.map((target) => ({ target, verdict: 'agree' as const })) });
      const disagreed = await ws.call('audit.draft', {
        claimId,
        findings: [
          { target: 'decision', verdict: 'disagree' },
          { target: 'missing-partner-solution', verdict: 'disagree', note: '工作內容描述不足' },
        ],
      });
      expect(disagreed.draft!.findings.find((f) => f.target === 'decision')).toMatchObject({ verdict: 'disagree', answer: null });
      const incomplete = await ws.call('audit.submit', { claimId }).catch((e: unknown) => e);
      expect(problemOf(incomplete).status).toBe(400);
      await ws.call('audit.draft', { claimId, findings: [{ target: 'decision', answer: 'reject' }] });
      await ws.call('audit.submit', { claimId });
      await ws.call('sync.run', {});
      const status = await ws.call('sync.status', {});
      expect(status).toMatchObject({ connection: 'offline', pending: 1 });
      expect((await ws.call('audit.list', {})).items.find((i) => i.claimId === claimId)!.state).toBe('pending');
    } finally {
      link.cut = false;
    }
    await ws.call('sync.run', {});
    const [audit] = await serviceAudits(claimId);
    expect(audit!.findings.find((f) => f.target === 'decision')).toMatchObject({ verdict: 'disagree', answer: 'reject', reviewerAnswer: 'request-info' });
    expect(audit!.findings.find((f) => f.target === 'missing-partner-solution')).toMatchObject({ verdict: 'disagree', answer: true, note: '工作內容描述不足' });
    expect((await ws.call('audit.list', {})).items.find((i) => i.claimId === claimId)).toMatchObject({ state: 'audited', overturned: true });
  });

  it('keeps an audit the service refuses, with its reason, until the QA lead discards it', async () => {
    const claimId = claims.rev2[0]!;
    await ws.call('audit.get', { claimId, blind: false });
    await ws.call('audit.draft', { claimId, findings: FINDING_TARGETS.map((target) => ({ target, verdict: 'agree' as const })) });
    link.cut = true;
    await ws.call('audit.submit', { claimId });
    // Meanwhile the same claim is audited from elsewhere.
    const item = (await qa.call('auditItems', { query: { state: 'open' } })).items.find((i) => i.claimId === claimId)!;
    await qa.call('auditSubmit', { body: { id: crypto.randomUUID(), claimId, corrects: null, blind: false, findings: findings(item, agreeing(item)) } });
    link.cut = false;
    await ws.call('sync.run', {});
    const view = await ws.call('audit.get', { claimId, blind: false });
    expect(view.outbox).toMatchObject({ state: 'invalid', problem: { status: 409 } });
    expect(view.item.state).toBe('refused');
    expect((await ws.call('audit.list', {})).refused).toBe(1);
    const discarded = await ws.call('audit.discard', { claimId });
    expect(discarded.outbox).toBeNull();
  });
});

describe('corrections, statistics and exports', () => {
  it('corrects a synced audit with a new one linked to it', async () => {
    const claimId = claims.rev1[0]!;
    const draft = await ws.call('audit.correct', { claimId });
    const previous = draft.records.at(-1)!.id;
    expect(draft.draft).toMatchObject({ corrects: previous, revealed: true });
    await ws.call('audit.draft', { claimId, findings: [{ target: 'date-missing-or-outdated', verdict: 'agree' }] });
    await ws.call('audit.submit', { claimId });
    await ws.call('sync.run', {});
    const chain = await serviceAudits(claimId);
    expect(chain.map((a) => a.corrects)).toEqual(expect.arrayContaining([null, previous]));
    const view = await ws.call('audit.get', { claimId, blind: false });
    expect(view.records.map((r) => r.correctedBy)).toEqual([view.records[1]!.id, null]);
  });

  it('gives the statistics and CSV exports of the service, the statistics offline as last seen', async () => {
    const online = await ws.call('audit.stats', {});
    expect(online.offline).toBe(false);
    expect(online.stats).toEqual({ ...(await qa.call('auditStats')), generatedAt: online.stats.generatedAt });
    const csv = await ws.call('audit.export', { kind: 'audits' });
    expect(csv.fileName).toMatch(/^qa-audits-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.csv.charCodeAt(0)).toBe(0xfeff);
    const { rows } = readCsv(new TextEncoder().encode(csv.csv));
    expect(new Set(rows.map((r) => r.audit_id)).size).toBe((await qa.call('auditList', { query: { history: 'true' } })).total);
    const stats = await ws.call('audit.export', { kind: 'stats' });
    expect(readCsv(new TextEncoder().encode(stats.csv)).rows.find((r) => r.scope === 'overall')!.audited).toBe(String(online.stats.overall.audited));
    link.cut = true;
    try {
      const offline = await ws.call('audit.stats', {});
      expect(offline).toMatchObject({ offline: true, asOf: online.asOf });
      expect(offline.stats.overall).toEqual(online.stats.overall);
    } finally {
      link.cut = false;
    }
  });

  it('saves an export where the desktop save dialog says, byte-order mark first; a cancelled dialog saves nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
    try {
      const asked: string[] = [];
      let answer: { canceled: boolean; filePath?: string } = { canceled: false, filePath: path.join(dir, 'picked.csv') };
      const desktop = withExportSaving(
        ws.handlers,
        {
          showSaveDialog: async (o) => {
            asked.push(o.defaultPath);
            return answer;
          },
        },
        (f, t) => writeFile(f, t, 'utf8'),
      );
      const saved = await desktop['audit.export']({ kind: 'stats' });
      expect(saved.savedTo).toBe(path.join(dir, 'picked.csv'));
      expect(asked).toEqual([saved.fileName]);
      const bytes = new Uint8Array(await readFile(saved.savedTo!));
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(readCsv(bytes).rows.find((r) => r.scope === 'overall')).toBeDefined();
      answer = { canceled: true };
      expect((await desktop['audit.export']({ kind: 'audits' })).savedTo).toBeNull();
      expect(readdirSync(dir)).toEqual(['picked.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shows a reviewer the audits of their own decisions, with the QA lead's notes", async () => {
    const reviewer = await openCore(svc.url);
    try {
      await reviewer.call('session.login', { username: 'rev1', password: 'demo' });
      const { audits } = await reviewer.call('audit.mine', {});
      expect(audits.length).toBeGreaterThan(0);
      expect(audits.every((a) => a.decision.reviewer.id === 'u-rev1')).toBe(true);
      expect(audits.flatMap((a) => a.findings.map((f) => f.note))).toContain('工作內容描述不足');
    } finally {
      await reviewer.close();
    }
  });
});
