// Prints the results as a table (value, baseline from the same run, ratio, target, pass/fail), the
// scaling series with their slopes, and the failed checks; and writes results.json (keeping the PoE assist's
// accuracy figures that npm run assist:eval writes there).
import fs from 'node:fs';
import type { BenchResults, Figure } from './results';

const num = (x: number): string => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function value(f: Figure, x: number): string {
  if (f.unit === 'slope') return num(x);
  return `${num(x)} ${f.unit}`;
}

export function formatTable(r: BenchResults): string {
  const rows = r.figures.map((f) => [
    f.title,
    f.size,
    `${value(f, f.value)} ${f.unit === 'slope' ? '' : f.statistic}`.trim(),
    f.baseline === null ? (f.unit === 'slope' ? f.baselineLabel : '—') : value(f, f.baseline),
    f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
    f.target.text,
    f.pass ? 'pass' : 'FAIL',
  ]);
  const head = ['figure', 'size', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];

  for (const s of r.scaling) {
    out.push(
      '',
      `${s.figure} (${s.statistic}) by cached claims: ${s.points.map((p) => `${p.n.toLocaleString('en-US')}: ${num(p.value)} ms (baseline ${num(p.baseline)} ms)`).join('; ')}`,
    );
    out.push(`  growth slope ${s.slope.toFixed(2)} (baseline ${s.baselineSlope.toFixed(2)}; 0 = flat, ~0.1 = logarithmic, 1 = linear)`);
  }
  const failed = r.figures.flatMap((f) =>
    Object.entries(f.checks)
      .filter(([, c]) => !c.ok)
      .map(([k, c]) => `  ${f.id}.${k}: ${c.detail}`),
  );
  if (failed.length) out.push('', 'failed checks:', ...failed);
  const missed = r.figures.filter((f) => !f.pass && Object.keys(f.details).length > 0);
  if (missed.length) {
    out.push('', 'where the time goes, for the figures that missed:');
    for (const f of missed)
      out.push(
        `  ${f.id}: ${Object.entries(f.details)
          .map(([k, v]) => `${k} ${typeof v === 'number' ? num(v) : String(v)}`)
          .join(', ')}`,
      );
  }
  const notes = r.figures.filter((f) => f.note).map((f) => `  ${f.id}: ${f.note}`);
  if (notes.length) out.push('', 'notes:', ...notes);
  out.push(
    '',
    `${r.pass ? 'all targets met' : `${r.figures.filter((f) => !f.pass).length} of ${r.figures.length} figures missed their target`} (${r.mode} run, ${(r.durationMs / 1000).toFixed(0)} s, ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node})`,
  );
  return out.join('\n');
}

/** Sections other runs write into the same file (npm run assist:eval): a bench run keeps them. */
const KEPT_SECTIONS = ['assist', 'assistUnseen'] as const;

export function writeResults(file: string, r: BenchResults): void {
  let kept: Record<string, unknown> = {};
  try {
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    kept = Object.fromEntries(KEPT_SECTIONS.filter((k) => k in before).map((k) => [k, before[k]]));
  } catch {
    // no earlier file, or not JSON: nothing to keep
  }
  fs.writeFileSync(file, `${JSON.stringify({ ...r, ...kept }, null, 2)}\n`);
}
