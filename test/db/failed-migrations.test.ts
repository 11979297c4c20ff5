import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { applyMigrations, MigrationError, migrationStatus } from "../../src/db/migrations/migrations.js";
import {
  describePostgres,
  openEmptyPGlite,
  scratchPostgresMigrationDatabase,
} from "../support/test-database.js";
import { migrationRows, scratchMigrationsPerTest, withSql, writeMigrations } from "./migration-fixtures.js";

// The first migration holds what a naive split on `;` breaks: a `$$` function body and a
// 'a;b' literal. The second fails half-way: its first statement must not survive.
const first = "20240101000000_function_and_literal";
const broken = "20240102000000_broken";
const migrations = {
  [first]: `CREATE TABLE "Note" ("id" INTEGER PRIMARY KEY, "body" TEXT NOT NULL);
INSERT INTO "Note" VALUES (1, 'a;b');
CREATE FUNCTION add_one(i INTEGER) RETURNS INTEGER AS $$
BEGIN
  RETURN i + 1;
END;
$$ LANGUAGE plpgsql;
`,
  [broken]: `CREATE TABLE "HalfDone" ("id" INTEGER);
THIS IS NOT SQL;
`,
};

function failingMigrationScenario(openEmptyDatabase: () => Promise<Database>) {
  const scratch = scratchMigrationsPerTest("failing-migrations", openEmptyDatabase, (migrationsDir) =>
    writeMigrations(migrationsDir, migrations),
  );
  /** Applies the folder: the first migration goes through, the broken one fails. */
  const applyUntilBroken = async () => {
    const { database, migrationsDir } = scratch();
    const failure = await applyMigrations(database.adapterFactory, { migrationsDir }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MigrationError);
    return failure;
  };

  it("runs a `$$` body and a 'a;b' literal whole, then records the broken migration as failed", async () => {
    const { database } = scratch();
    const failure = await applyUntilBroken();
    expect(failure).toMatchObject({ code: "P3018", migrationName: broken });
    expect((failure as Error).message).toMatch(/syntax error at or near "THIS"/);

    const contents = await withSql(database.adapterFactory, async (query) => ({
      note: await query<{ body: string; next: number }>(`SELECT "body", add_one(41) AS "next" FROM "Note"`),
      halfDone: await query<{ exists: boolean }>(`SELECT to_regclass('"HalfDone"') IS NOT NULL AS "exists"`),
    }));
    expect(contents).toEqual({ note: [{ body: "a;b", next: 42 }], halfDone: [{ exists: false }] });

    const rows = await migrationRows(database.adapterFactory);
    expect(
      rows.map((row) => [row.migration_name, row.finished_at !== null, row.applied_steps_count]),
    ).toEqual([
      [first, true, 1],
      [broken, false, 0],
    ]);
    expect(rows[1]?.logs).toMatch(/syntax error/);
  });

  it("refuses to apply anything while a migration is recorded as failed", async () => {
    const { database, migrationsDir } = scratch();
    await applyUntilBroken();
    await expect(applyMigrations(database.adapterFactory, { migrationsDir })).rejects.toMatchObject({
      name: "MigrationError",
      code: "P3009",
      migrationName: broken,
    });
    expect(await migrationStatus(database.adapterFactory, { migrationsDir })).toMatchObject({
      applied: [first],
      failed: [broken],
      pending: [],
      edited: [],
      upToDate: false,
    });
  });

  it("reports an applied migration whose file changed since as edited", async () => {
    const { database, migrationsDir } = scratch();
    await applyUntilBroken();
    await writeMigrations(migrationsDir, { [first]: `${migrations[first]}-- edited afterwards\n` });
    expect(await migrationStatus(database.adapterFactory, { migrationsDir })).toMatchObject({
      edited: [first],
      failed: [broken],
      upToDate: false,
    });
  });
}

describe("a failing migration on PGlite", () => {
  failingMigrationScenario(openEmptyPGlite);
});

describePostgres("a failing migration", (serverUrl) => {
  failingMigrationScenario(scratchPostgresMigrationDatabase(serverUrl));
});
