// npm run test:stress: the crash and partition runs at scale (500 longer seeded runs by default,
// RELIABILITY_RUNS to change), on two worlds side by side. Prints the counts and, for every failing
// seed, its violations and the command that replays it; exits 1 when anything was lost or doubled.
import { runPlan, type RunReport } from './run';
import { chosenSeeds, plans, replayCommand } from './seeds';
import { startWorld } from './world';

const WORLDS = 2;

/** A fresh world after a run broke off; a start that times out on a loaded machine is tried again (three times). */
async function startWorldAgain(pushBatch: number): Promise<Awaited<ReturnType<typeof startWorld>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorld({ pushBatch });
    } catch (error) {
      if (attempt >= 3) throw error;
      process.stdout.write(`  a fresh world did not start (${(error as Error).message}); trying again\n`);
    }
  }
}

async function main(): Promise<void> {
  const { seeds, mode } = chosenSeeds(Number(process.env.RELIABILITY_RUNS ?? 500), 'stress');
  const queue = plans(seeds, mode);
  const total = queue.length;
  const totals = { runs: 0, faults: 0, checked: 0, lost: 0, duplicated: 0 };
  const failures: { seed: number; detail: string }[] = [];
  const started = Date.now();

  const record = (seed: number, report: RunReport | null, error?: unknown) => {
    totals.runs++;
    if (report) {
      totals.faults += report.faults;
      totals.checked += report.checked;
      totals.lost += report.lost;
      totals.duplicated += report.duplicated;
      if (report.violations.length) failures.push({ seed, detail: report.violations.join('\n    ') });
    } else failures.push({ seed, detail: `the run broke off: ${(error as Error)?.stack ?? String(error)}` });
    if (totals.runs % 25 === 0 || totals.runs === total) {
      process.stdout.write(`  ${totals.runs}/${total} runs, ${failures.length} failing, ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  };

  await Promise.all(
    Array.from({ length: WORLDS }, async (_, w) => {
      let world = await startWorld({ pushBatch: 1 + w });
      try {
        for (let plan = queue.shift(); plan; plan = queue.shift()) {
          try {
            record(plan.seed, await runPlan(world, plan));
          } catch (error) {
            record(plan.seed, null, error);
            // A run that broke off may leave the world in any state: start a fresh one.
            await world.close().catch(() => undefined);
            world = await startWorldAgain(1 + w);
          }
        }
      } finally {
        await world.close().catch(() => undefined);
      }
    }),
  );

  for (const f of failures) process.stdout.write(`\nseed ${f.seed} failed — replay: ${replayCommand(f.seed, mode)}\n    ${f.detail}\n`);
  process.stdout.write(
    `\nstress: runs ${totals.runs}, faults injected ${totals.faults}, actions checked ${totals.checked}, lost = ${totals.lost}, duplicated = ${totals.duplicated}, failing runs ${failures.length}\n`,
  );
  process.exit(failures.length === 0 && totals.lost === 0 && totals.duplicated === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`stress: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
