// Which seeded runs a suite does: SEED=n replays one run (RELIABILITY_MODE=stress for a stress
// run's longer plan, RELIABILITY_PUSH_BATCH for its world's batch size); otherwise `count` consecutive seeds from SEED_BASE (default 1).
import type { Plan } from './scenario';
import { planFor } from './scenario';

export type Mode = 'short' | 'stress';

export function chosenSeeds(count: number, defaultMode: Mode): { seeds: number[]; mode: Mode } {
  const mode: Mode = process.env.RELIABILITY_MODE === 'stress' ? 'stress' : process.env.RELIABILITY_MODE === 'short' ? 'short' : defaultMode;
  if (process.env.SEED !== undefined && process.env.SEED !== '') {
    return { seeds: process.env.SEED.split(',').map((s) => Number(s.trim())), mode };
  }
  const base = Number(process.env.SEED_BASE ?? (mode === 'stress' ? 1000 : 1));
  return { seeds: Array.from({ length: count }, (_, i) => base + i), mode };
}

export const plans = (seeds: readonly number[], mode: Mode): Plan[] => seeds.map((s) => planFor(s, mode));

/** The push batch size of the world a replay runs in (`RELIABILITY_PUSH_BATCH`, default 2). */
export const DEFAULT_PUSH_BATCH = 2;
export const replayPushBatch = (): number => Number(process.env.RELIABILITY_PUSH_BATCH ?? DEFAULT_PUSH_BATCH);

/** The command that replays one run, in a world with the same push batch size as the one it failed in. */
export const replayCommand = (seed: number, mode: Mode, pushBatch = DEFAULT_PUSH_BATCH): string =>
  `SEED=${seed}${mode === 'stress' ? ' RELIABILITY_MODE=stress' : ''}${pushBatch === DEFAULT_PUSH_BATCH ? '' : ` RELIABILITY_PUSH_BATCH=${pushBatch}`} npx vitest run test/reliability/reliability.test.ts`;
