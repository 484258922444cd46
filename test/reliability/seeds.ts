// Which seeded runs a suite does: SEED=n replays one run (RELIABILITY_MODE=stress for a stress
// run's longer plan); otherwise `count` consecutive seeds from SEED_BASE (default 1).
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

/** The command that replays one run. */
export const replayCommand = (seed: number, mode: Mode): string =>
  `SEED=${seed}${mode === 'stress' ? ' RELIABILITY_MODE=stress' : ''} npx vitest run test/reliability`;
