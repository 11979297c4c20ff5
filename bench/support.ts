import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DatabaseTarget, openDatabase, withMigrationConnection } from "../src/db/database.js";
import { applyMigrations } from "../src/db/migrations/migrations.js";
import { createPrismaClient, type Db } from "../src/db/prisma.js";
import { MIGRATIONS_DIR } from "../src/paths.js";
import { createScratchPostgresDatabase } from "../test/support/test-database.js";

export interface BenchDatabase {
  label: string;
  prisma: Db;
  /** Closes and removes the database. */
  close(): Promise<void>;
  /** Closes the database and leaves it there, described by `prepared`. */
  closeOnly(): Promise<void>;
  prepared: PreparedBenchDatabase;
}

/** PostgreSQL server for benchmarks, if one is configured. */
export const benchPostgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;

/** The database kinds a benchmark runs on: embedded PGlite (the default), and PostgreSQL when configured. */
export function benchKinds(): Array<"pglite" | "postgres"> {
  if (benchPostgresUrl) return ["pglite", "postgres"];
  console.log("  (PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)");
  return ["pglite"];
}

/** A fresh, migrated database: PGlite on disk in a temporary folder, or a scratch PostgreSQL database. */
export async function benchDatabase(kind: "pglite" | "postgres"): Promise<BenchDatabase> {
  if (kind === "postgres") {
    if (!benchPostgresUrl) throw new Error("no PostgreSQL configured for benchmarks");
    const scratch = await createScratchPostgresDatabase(benchPostgresUrl);
    return open("PostgreSQL", { kind: "postgres", url: scratch.url }, scratch.drop);
  }
  const folder = await mkdtemp(join(tmpdir(), "dondoc-bench-"));
  return open("PGlite (file)", { kind: "pglite", dataDir: join(folder, "pglite") }, () =>
    rm(folder, { recursive: true, force: true }),
  );
}

export interface PreparedBenchDatabase {
  label: string;
  /** Where the data lives, for another process to open as the CLI and the bot do. */
  target: DatabaseTarget;
  cleanUp(): Promise<void>;
}

/**
 * A fresh, migrated database left closed, for a measured process of its own to open: the
 * database a real import meets already exists (PGlite's initdb, which alone peaks near 1 GB,
 * ran once when Dondoc first started), so it is made here and not in the measured process.
 */
export async function prepareBenchDatabase(kind: "pglite" | "postgres"): Promise<PreparedBenchDatabase> {
  const database = await benchDatabase(kind);
  const prepared = database.prepared;
  await database.closeOnly();
  return prepared;
}

async function open(
  label: string,
  target: DatabaseTarget,
  cleanUp: () => Promise<void>,
): Promise<BenchDatabase> {
  const database = await openDatabase(target);
  await withMigrationConnection(database, target, (factory) =>
    applyMigrations(factory, { migrationsDir: MIGRATIONS_DIR }),
  );
  const prisma = createPrismaClient(database.adapterFactory);
  const closeOnly = async () => {
    await prisma.$disconnect();
    await database.close();
  };
  return {
    label,
    prisma,
    close: async () => {
      await closeOnly();
      await cleanUp();
    },
    closeOnly,
    prepared: { label, target, cleanUp },
  };
}

export function percentile(sortedMs: readonly number[], p: number): number {
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

export function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
