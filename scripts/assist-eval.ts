// npm run assist:eval — the PoE assist over the demo corpus against its recorded ground truth: per
// checklist reason, precision and recall of "applies" and the share of "unsure"; printed, and written to
// bench/results.json under "assist". Each document is read as the workstation reads it (text layer or OCR).
// `-- --unseen` measures instead on a corpus from a separate generator (server/demo/assist-unseen-corpus.ts:
// other layouts, wording and seed), written under "assistUnseen".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocumentReader } from '../electron/core/assist/extract';
import { generateClaims } from '../server/demo/claims';
import { Rng } from '../server/demo/rng';
import { demoCast } from '../server/demo/world';
import { CHECKLIST_REASONS, type ChecklistReason } from '../shared/domain';
import { analyseClaim, type AssistClaimInput } from '../shared/domain/assist';
import { unseenCorpus } from '../server/demo/assist-unseen-corpus';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const unseen = process.argv.includes('--unseen');
const seed = Number(process.env.ASSIST_EVAL_SEED ?? (unseen ? 20261201 : 7));
const count = Number(process.env.ASSIST_EVAL_CLAIMS ?? (unseen ? 120 : 60));
const calendar = { timeZone: 'Asia/Taipei', holidays: [] as string[] };

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  unsure: number;
  cases: number;
}
const tally = Object.fromEntries(CHECKLIST_REASONS.map((c) => [c, { tp: 0, fp: 0, fn: 0, tn: 0, unsure: 0, cases: 0 }])) as Record<ChecklistReason, Tally>;
const misses: string[] = [];

const dir = mkdtempSync(path.join(os.tmpdir(), 'assist-eval-'));
const reader = new DocumentReader(path.join(dir, 'tessdata'));
const started = Date.now();
let documents = 0;
let ocrPages = 0;

async function score(
  claim: AssistClaimInput,
  sha256: string,
  bytes: Uint8Array,
  mediaType: string,
  truthReasons: { code: string; productId: string | null }[],
  label: string,
): Promise<void> {
  const x = await reader.read(bytes, mediaType);
  documents++;
  ocrPages += x.pages.filter((p) => p.source === 'ocr').length;
  const { suggestions } = analyseClaim(claim, [{ sha256, ...x }], { timeZone: calendar.timeZone });
  const truth = new Set(truthReasons.map((r) => `${r.code}|${r.productId ?? ''}`));
  for (const s of suggestions) {
    const t = tally[s.code];
    const key = `${s.code}|${s.productId ?? ''}`;
    const should = truth.has(key);
    t.cases++;
    if (s.verdict === 'unsure') t.unsure++;
    else if (s.verdict === 'applies') t[should ? 'tp' : 'fp']++;
    else t[should ? 'fn' : 'tn']++;
    if (s.verdict === 'unsure' || (s.verdict === 'applies') !== should) misses.push(`${label} ${key} said ${s.verdict} (${s.reason}) truth ${should}`);
  }
}

let claimCount = 0;
if (unseen) {
  const cases = await unseenCorpus(seed, count);
  claimCount = cases.length;
  for (const [i, c] of cases.entries()) await score(c.claim, `${i}`.padStart(64, '0'), c.bytes, 'application/pdf', c.truth, `#${i} ${c.name}`);
} else {
  const rng = new Rng(seed);
  const world = demoCast(seed, rng);
  const claims = await generateClaims(rng, world, calendar as never, '2026-11-20T02:00:00.000Z', count);
  claimCount = claims.length;
  for (const c of claims) {
    for (const d of c.documents) {
      const claim = { ...c.facts, submittedAt: d.ref.uploadedAt, createdAt: d.ref.uploadedAt };
      await score(claim as never, d.ref.sha256, d.bytes, d.ref.mediaType, d.truth.reasons, `${d.truth.layout}/${d.truth.language}`);
    }
  }
}
await reader.close();
rmSync(dir, { recursive: true, force: true });

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
const rows = CHECKLIST_REASONS.map((code) => {
  const t = tally[code];
  return {
    reason: code,
    precision: ratio(t.tp, t.tp + t.fp),
    recall: ratio(t.tp, t.tp + t.fn),
    unsure: ratio(t.unsure, t.cases),
    cases: t.cases,
    applies: t.tp + t.fn,
  };
});
console.log(
  `PoE assist on the ${unseen ? 'unseen' : 'demo'} corpus (seed ${seed}, ${claimCount} claims, ${documents} documents, ${ocrPages} OCR pages, ${Math.round((Date.now() - started) / 1000)} s)`,
);
console.log('| reason | precision | recall | unsure | cases (of which truth applies) |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.reason} | ${r.precision} | ${r.recall} | ${(r.unsure * 100).toFixed(1)} % | ${r.cases} (${r.applies}) |`);
if (process.env.ASSIST_EVAL_VERBOSE) for (const m of misses) console.log(`  miss: ${m}`);
const file = path.join(ROOT, 'bench', 'results.json');
let results: Record<string, unknown> = {};
try {
  results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
} catch {
  // a first run: the file is created
}
results[unseen ? 'assistUnseen' : 'assist'] = { measuredAt: new Date().toISOString(), seed, claims: claimCount, documents, ocrPages, reasons: rows };
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
