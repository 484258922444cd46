// npm run test:stress: the crash and partition runs at scale (500 longer seeded runs by default;
// `-- --runs n` or RELIABILITY_RUNS to change), on two worlds side by side. Prints the counts and, for every failing
// seed, its violations and the command that replays it; exits 1 when anything was lost or doubled.
import { runPlan, type RunReport } from './run';
import { isFault } from './scenario';
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

/** How many runs: `-- --runs n` (or `--runs=n`), else RELIABILITY_RUNS, else 500. */
function runsAsked(argv = process.argv.slice(2)): number {
  const at = argv.findIndex((a) => a === '--runs' || a.startsWith('--runs='));
  const value = at < 0 ? (process.env.RELIABILITY_RUNS ?? '500') : argv[at]!.includes('=') ? argv[at]!.split('=')[1]! : (argv[at + 1] ?? '');
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs / RELIABILITY_RUNS must be a whole number of runs, not "${value}"`);
  return runs;
}

async function main(): Promise<void> {
  const { seeds, mode } = chosenSeeds(runsAsked(), 'stress');
  const queue = plans(seeds, mode);
  const total = queue.length;
  const kinds = new Map<string, number>();
  for (const step of queue.flatMap((p) => p.steps.filter(isFault))) kinds.set(step.fault, (kinds.get(step.fault) ?? 0) + 1);
  process.stdout.write(`stress: ${total} runs planned, faults by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  const totals = { runs: 0, faults: 0, checked: 0, lost: 0, duplicated: 0 };
  const failures: { seed: number; pushBatch: number; detail: string }[] = [];
  const started = Date.now();

  const record = (seed: number, pushBatch: number, report: RunReport | null, error?: unknown) => {
    totals.runs++;
    if (report) {
      totals.faults += report.faults;
      totals.checked += report.checked;
      totals.lost += report.lost;
      totals.duplicated += report.duplicated;
      if (report.violations.length) failures.push({ seed, pushBatch, detail: report.violations.join('\n    ') });
    } else failures.push({ seed, pushBatch, detail: `the run broke off: ${(error as Error)?.stack ?? String(error)}` });
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
            record(plan.seed, 1 + w, await runPlan(world, plan));
          } catch (error) {
            record(plan.seed, 1 + w, null, error);
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

  for (const f of failures) process.stdout.write(`\nseed ${f.seed} failed — replay: ${replayCommand(f.seed, mode, f.pushBatch)}\n    ${f.detail}\n`);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nstress: runs ${totals.runs}, faults injected ${totals.faults}, actions checked ${totals.checked}, lost = ${totals.lost}, duplicated = ${totals.duplicated}, failing runs ${failures.length}\n` +
      `stress: ${Math.round(seconds)} s on ${WORLDS} worlds, ${(seconds / Math.max(1, totals.runs)).toFixed(1)} s per run\n`,
  );
  process.exit(failures.length === 0 && totals.lost === 0 && totals.duplicated === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`stress: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
