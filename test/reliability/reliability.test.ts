// Crash and partition runs against the real review service and the real workstation process:
// seeded random reviewer actions with SIGKILLs (mid-action, mid-push, mid-download, mid-pull),
// service restarts, cut and slow connections, dropped and duplicated requests, lease expiry and
// clock jumps; after each run nothing is lost or doubled and both databases tell the truth.
// `SEED=n npx vitest run test/reliability` replays one run; `npm run test:stress` does 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan, type RunReport } from './run';
import { chosenSeeds, plans, replayCommand, replayPushBatch } from './seeds';
import { startWorld, type World } from './world';

const { seeds, mode } = chosenSeeds(Number(process.env.RELIABILITY_RUNS ?? 20), 'short');
const pushBatch = replayPushBatch();
const totals = { runs: 0, faults: 0, checked: 0, lost: 0, duplicated: 0 };

describe('crash and partition runs', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ pushBatch });
  });
  afterAll(async () => {
    await world?.close();
    process.stdout.write(
      `reliability: ${totals.runs} runs, ${totals.faults} faults injected, ${totals.checked} actions checked, lost = ${totals.lost}, duplicated = ${totals.duplicated}\n`,
    );
  });

  for (const plan of plans(seeds, mode)) {
    it(`loses and doubles nothing in seeded run ${plan.seed} (${plan.steps.length} steps)`, async () => {
      let report: RunReport;
      try {
        report = await runPlan(world, plan);
      } catch (error) {
        throw new Error(`run ${plan.seed} broke off: ${(error as Error).stack}\nreplay: ${replayCommand(plan.seed, mode, pushBatch)}`);
      }
      totals.runs++;
      totals.faults += report.faults;
      totals.checked += report.checked;
      totals.lost += report.lost;
      totals.duplicated += report.duplicated;
      if (process.env.RELIABILITY_TRACE) process.stdout.write(`${report.trace.join('\n')}\n`);
      expect(report.violations, `seed ${plan.seed} — replay: ${replayCommand(plan.seed, mode, pushBatch)}\n${report.trace.join('\n')}`).toEqual([]);
    }, 120_000);
  }
});
