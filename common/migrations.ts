// The one migration runner of the service and the workstation: numbered, one-way steps applied in order,
// each in its own transaction with the version it reaches, recorded in a version table. A database at a
// version newer than the steps know is refused before anything is written (DatabaseFromFutureError),
// never "repaired". Generic over the steps and the version table, so any store can use it.

/** One schema step: it takes a database at `version - 1` to `version`. */
export interface MigrationStep {
  readonly version: number;
}

/** Where a database records its schema version, and how a step is applied with it. */
export interface VersionTable {
  /** The version the database is at (0 when new). */
  read(): number;
  /** Runs `apply` and records `version`, in one transaction: both happen, or neither. */
  write(version: number, apply: () => void): void;
}

/** A database written by a newer program than this one: refused untouched. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly file: string,
    /** The version found, or the names of the steps this program does not know. */
    readonly found: number | string,
    readonly supported: number,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseFromFutureError';
  }
}

export interface RunOptions {
  /** Stop at this version (tests build older databases); default: the last step's. */
  target?: number;
  /** The error for a database newer than the steps know (found, the newest known). */
  fromFuture: (found: number, known: number) => DatabaseFromFutureError;
}

/** The newest version `steps` know (0 without steps). */
export const latestVersion = (steps: readonly MigrationStep[]): number => steps.reduce((v, s) => Math.max(v, s.version), 0);

/** Throws when the database is at a version the steps do not know. */
export function refuseFromFuture(found: number, steps: readonly MigrationStep[], fromFuture: RunOptions['fromFuture']): void {
  const known = latestVersion(steps);
  if (found > known) throw fromFuture(found, known);
}

/** Applies the steps after the table's version up to the target, in order, one transaction each; returns the version reached. */
export function runMigrations<S extends MigrationStep>(table: VersionTable, steps: readonly S[], apply: (step: S) => void, o: RunOptions): number {
  refuseFromFuture(table.read(), steps, o.fromFuture);
  const target = o.target ?? latestVersion(steps);
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    const current = table.read();
    if (step.version <= current || step.version > target) continue;
    if (step.version !== current + 1) throw new Error(`Migration ${step.version} cannot follow version ${current}`);
    table.write(step.version, () => apply(step));
  }
  return table.read();
}

/** The shape of a better-sqlite3 connection the SQLite version table needs. */
interface SqliteLike {
  pragma(source: string, options?: { simple: boolean }): unknown;
  transaction(fn: () => void): { immediate(): void };
}

/** SQLite's own version table: the `user_version` pragma, bumped in the step's IMMEDIATE transaction. */
export function sqliteUserVersion(db: SqliteLike): VersionTable {
  return {
    read: () => db.pragma('user_version', { simple: true }) as number,
    write: (version, apply) =>
      db
        .transaction(() => {
          apply();
          db.pragma(`user_version = ${version}`);
        })
        .immediate(),
  };
}
