// How big each figure runs in each mode: full (the sizes), quick (every code path, smaller,
// under a minute) and tiny (the test suite's correctness run). The one place sizes are chosen.
import type { DemoBase } from './data/demo-base';

export type Mode = 'full' | 'quick' | 'tiny';

export interface Sizes {
  /** Claims the demo generator makes once; everything else is cloned from them. */
  baseClaims: number;
  cache: {
    /** Cached-claim counts the decision commit and the queue query run at (ascending). */
    steps: number[];
    /** The step whose results are the headline figures (and whose profile the memory figure opens). */
    headline: number;
    /** Decision samples (each: one checklist tick and one decision, each beside a raw insert) at n claims. */
    commitSamples(n: number): number;
    /** Rounds of the query set at n claims. */
    queryRounds(n: number): number;
  };
  pull: { claims: number; docsPerClaim: number; reps: number };
  push: { claims: number; perClaim: number; reps: number };
  lease: { reviewers: number; size: number; rounds: number };
  render: { samples: number };
  /** The first PoE after sign-in: the batch pulled (from the pull figure's claims), and how many sign-ins. */
  signIn: { batch: number; reps: number };
  /** Service requests per action: claims acted on (a comment and a decision each). */
  actions: { claims: number };
  /** PoE assist: text-layer documents read and analysed, and image-only pages read by OCR. */
  assist: { textDocs: number; ocrPages: number };
}

export const SIZES: Record<Mode, Sizes> = {
  full: {
    baseClaims: 120,
    cache: {
      steps: [1_000, 10_000, 100_000],
      headline: 10_000,
      commitSamples: (n) => (n >= 100_000 ? 100 : 150),
      queryRounds: (n) => (n >= 100_000 ? 3 : n >= 10_000 ? 15 : 41),
    },
    pull: { claims: 200, docsPerClaim: 2, reps: 3 },
    push: { claims: 200, perClaim: 5, reps: 3 },
    lease: { reviewers: 20, size: 50, rounds: 5 },
    render: { samples: 15 },
    signIn: { batch: 100, reps: 3 },
    actions: { claims: 20 },
    assist: { textDocs: 12, ocrPages: 7 },
  },
  quick: {
    baseClaims: 24,
    cache: {
      steps: [200, 600, 1_500],
      headline: 600,
      commitSamples: () => 25,
      queryRounds: () => 5,
    },
    pull: { claims: 25, docsPerClaim: 2, reps: 2 },
    push: { claims: 30, perClaim: 5, reps: 1 },
    lease: { reviewers: 20, size: 5, rounds: 2 },
    assist: { textDocs: 4, ocrPages: 3 },
    render: { samples: 3 },
    signIn: { batch: 25, reps: 1 },
    actions: { claims: 5 },
  },
  tiny: {
    // Enough for a few reviewable claims to clone from (each is generated with its PoE documents: the slow part).
    baseClaims: 8,
    cache: {
      steps: [60, 120],
      headline: 120,
      commitSamples: () => 6,
      queryRounds: () => 3,
    },
    pull: { claims: 4, docsPerClaim: 2, reps: 1 },
    push: { claims: 4, perClaim: 5, reps: 1 },
    lease: { reviewers: 6, size: 3, rounds: 2 },
    render: { samples: 2 },
    signIn: { batch: 4, reps: 1 },
    actions: { claims: 2 },
    assist: { textDocs: 1, ocrPages: 0 },
  },
};

/** What every figure runs with. */
export interface BenchEnv {
  mode: Mode;
  sizes: Sizes;
  base: DemoBase;
  /** The built renderer the browser host serves. */
  rendererDir: string;
  log(message: string): void;
}
