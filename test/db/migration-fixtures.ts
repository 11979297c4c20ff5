// Shared by the migration tests: temporary migration folders and what `_prisma_migrations`
// must look like after `prisma migrate deploy`.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { afterEach, beforeEach, expect } from "vitest";
import type { Database } from "../../src/db/database.js";
import { readMigrationsList } from "../../src/db/migrations/migrations.js";
import { createPrismaClient } from "../../src/db/prisma.js";

/** A temporary folder for a test, removed by `remove()`. */
export async function temporaryFolder(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `dondoc-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * A migrations folder of its own and an empty database for every test, so that no test sees
 * what another applied or edited: `prepare` writes the folder each test starts from.
 */
export function scratchMigrationsPerTest(
  prefix: string,
  openEmptyDatabase: () => Promise<Database>,
  prepare: (migrationsDir: string) => Promise<void>,
): () => { migrationsDir: string; database: Database } {
  let current: { folder: Awaited<ReturnType<typeof temporaryFolder>>; database?: Database } | undefined;
  beforeEach(async () => {
    current = { folder: await temporaryFolder(prefix) };
    await prepare(current.folder.path);
    current.database = await openEmptyDatabase();
  });
  afterEach(async () => {
    const finished = current;
    current = undefined;
    await finished?.database?.close();
    await finished?.folder.remove();
  });
  return () => {
    if (!current?.database)
      throw new Error("The scratch database is opened in beforeEach; use it inside tests");
    return { migrationsDir: current.folder.path, database: current.database };
  };
}

/** Writes `{ "<name>": "<sql>" }` as `<dir>/<name>/migration.sql` folders. */
export async function writeMigrations(
  migrationsDir: string,
  migrations: Record<string, string>,
): Promise<void> {
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(join(migrationsDir, name), { recursive: true });
    await writeFile(join(migrationsDir, name, "migration.sql"), sql, "utf-8");
  }
}

export async function migrationNames(migrationsDir: string): Promise<string[]> {
  return (await readMigrationsList(migrationsDir)).migrationDirectories.map((directory) => directory.path);
}

export interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

export async function withSql<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  work: (query: <R>(sql: string) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  const prisma = createPrismaClient(adapterFactory);
  try {
    return await work(<R>(sql: string) => prisma.$queryRawUnsafe<R[]>(sql));
  } finally {
    await prisma.$disconnect();
  }
}

export function migrationRows(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<MigrationRow[]> {
  return withSql(adapterFactory, (query) =>
    query<MigrationRow>("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name"),
  );
}

/** The table Prisma's schema engine creates (the same DDL for `prisma migrate deploy`). */
const prismaMigrationsTable = [
  ["id", "character varying", "NO", 36],
  ["checksum", "character varying", "NO", 64],
  ["finished_at", "timestamp with time zone", "YES", null],
  ["migration_name", "character varying", "NO", 255],
  ["logs", "text", "YES", null],
  ["rolled_back_at", "timestamp with time zone", "YES", null],
  ["started_at", "timestamp with time zone", "NO", null],
  ["applied_steps_count", "integer", "NO", null],
];

/**
 * Every migration in the folder is recorded as `prisma migrate deploy` records it: one row,
 * checksum = sha256 hex of migration.sql, finished, one step, no logs, not rolled back.
 */
export async function expectDeployedLikePrisma(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string,
): Promise<void> {
  const columns = await withSql(adapterFactory, (query) =>
    query<{ name: string; type: string; nullable: string; length: number | null }>(
      `SELECT column_name::text AS name, data_type::text AS type, is_nullable::text AS nullable,
              character_maximum_length::int AS length
         FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' AND table_schema = current_schema()
        ORDER BY ordinal_position`,
    ),
  );
  expect(columns.map((column) => [column.name, column.type, column.nullable, column.length])).toEqual(
    prismaMigrationsTable,
  );

  const rows = await migrationRows(adapterFactory);
  const names = await migrationNames(migrationsDir);
  expect(rows.map((row) => row.migration_name)).toEqual(names);
  for (const row of rows) {
    const sql = await readFile(join(migrationsDir, row.migration_name, "migration.sql"));
    expect(row).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      checksum: createHash("sha256").update(sql).digest("hex"),
      finished_at: expect.any(Date),
      migration_name: row.migration_name,
      logs: null,
      rolled_back_at: null,
      started_at: expect.any(Date),
      applied_steps_count: 1,
    });
    expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
  }
}
