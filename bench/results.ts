// The bench's results: one record per figure (value, its baseline from the same run, ratio, target,
// pass/fail, the invariants checked on the way), the scaling series, and the file's schema, which
// the test suite validates. How figures are measured lives in figures/; how they print, in report.ts.
import { z } from 'zod';

export const TARGET_KINDS = ['ratio-max', 'value-max', 'report'] as const;

export const Target = z.object({
  kind: z.enum(TARGET_KINDS),
  /** ratio-max: ratio ≤ limit; value-max: value ≤ limit; report: no limit, only `checks` decide. */
  limit: z.number().nullable(),
  text: z.string(),
});
export type Target = z.infer<typeof Target>;

export const Figure = z.object({
  id: z.string(),
  title: z.string(),
  /** What was measured at which size, e.g. "10,000 cached claims". */
  size: z.string(),
  unit: z.enum(['ms', 'MB', 'slope', 'count']),
  /** p95, median, total… of the samples. */
  statistic: z.string(),
  value: z.number(),
  baseline: z.number().nullable(),
  baselineLabel: z.string(),
  ratio: z.number().nullable(),
  target: Target,
  samples: z.number().int().nonnegative(),
  /** Invariants verified while measuring (every one must hold for the figure to pass). */
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string() })),
  details: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  pass: z.boolean(),
  /** Why it missed, when it did: what the profile showed. */
  note: z.string().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const ScalingPoint = z.object({ n: z.number().int().positive(), value: z.number(), baseline: z.number() });

export const BenchResults = z.object({
  schema: z.literal(1),
  mode: z.enum(['full', 'quick', 'tiny']),
  seed: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  machine: z.object({ node: z.string(), platform: z.string(), cpus: z.number().int(), cpuModel: z.string(), memoryMb: z.number() }),
  figures: z.array(Figure),
  scaling: z.array(z.object({ figure: z.string(), statistic: z.string(), points: z.array(ScalingPoint), slope: z.number(), baselineSlope: z.number() })),
  pass: z.boolean(),
});
export type BenchResults = z.infer<typeof BenchResults>;

export type Check = Figure['checks'][string];
export const check = (ok: boolean, detail: string): Check => ({ ok, detail });

/** Builds a figure record: ratio and pass follow from value, baseline, target and checks. */
export function figure(f: Omit<Figure, 'ratio' | 'pass' | 'note'> & { note?: string | null }): Figure {
  const ratio = f.baseline && f.baseline > 0 ? f.value / f.baseline : null;
  const checksOk = Object.values(f.checks).every((c) => c.ok);
  const targetOk =
    f.target.kind === 'ratio-max' ? ratio !== null && ratio <= f.target.limit! : f.target.kind === 'value-max' ? f.value <= f.target.limit! : true;
  return { ...f, ratio, pass: checksOk && targetOk, note: f.note ?? null };
}
