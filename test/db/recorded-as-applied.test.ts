// applyMigrations skips the schema engine when `_prisma_migrations` already records exactly the
// folder's migrations; any other history must go to the engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openMigrationConnection } from "../../src/db/database.js";
import {
  applyMigrations,
  isRecordedAsApplied,
  readMigrationsList,
} from "../../src/db/migrations/migrations.js";
import {
  createScratchPostgresDatabase,
  describePostgres,
  openEmptyPGlite,
} from "../support/test-database.js";
import { temporaryFolder, withSql, writeMigrations } from "./migration-fixtures.js";

const first = "20240101000000_notes";
const second = "20240102000000_tags";
const migrations = {
  [first]: `CREATE TABLE "Note" ("id" INTEGER PRIMARY KEY);\n`,
  [second]: `CREATE TABLE "Tag" ("id" INTEGER PRIMARY KEY);\n`,
};

function recordedAsAppliedScenario(openEmptyDatabase: () => Promise<Database>) {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  let database: Database;
  const recorded = async () =>
    isRecordedAsApplied(database.adapterFactory, await readMigrationsList(folder.path));
  beforeAll(async () => {
    folder = await temporaryFolder("recorded-migrations");
    await writeMigrations(folder.path, { [first]: migrations[first] });
    database = await openEmptyDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await folder?.remove();
  });

  it("is false before any migration table exists, true once the folder is applied", async () => {
    expect(await recorded()).toBe(false);
    await applyMigrations(database.adapterFactory, { migrationsDir: folder.path });
    expect(await recorded()).toBe(true);
  });

  it("is false when the folder has a migration the table lacks, and the engine then applies it", async () => {
    await writeMigrations(folder.path, { [second]: migrations[second] });
    expect(await recorded()).toBe(false);
    expect(await applyMigrations(database.adapterFactory, { migrationsDir: folder.path })).toEqual({
      applied: [second],
    });
    expect(await recorded()).toBe(true);
  });

  it("is false when an applied migration's file was edited since", async () => {
    await writeMigrations(folder.path, { [second]: `${migrations[second]}-- edited afterwards\n` });
    expect(await recorded()).toBe(false);
    await writeMigrations(folder.path, { [second]: migrations[second] });
    expect(await recorded()).toBe(true);
  });

  it("is false when the table records a migration the folder lacks, or one not finished", async () => {
    const insert = (name: string, finishedAt: string) =>
      withSql(database.adapterFactory, (query) =>
        query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ('${name}', 'x', '${name}', now(), ${finishedAt}, 0)`,
        ),
      );
    await insert("20240103000000_elsewhere", "now()");
    expect(await recorded()).toBe(false);
    await withSql(database.adapterFactory, (query) =>
      query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '20240103000000_elsewhere'`),
    );
    expect(await recorded()).toBe(true);
    await insert("20240104000000_failed", "NULL");
    expect(await recorded()).toBe(false);
  });
}

describePostgres("the applied-migrations check", (serverUrl) => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>> | undefined;
  afterAll(async () => {
    await scratch?.drop();
  });
  recordedAsAppliedScenario(async () => {
    scratch = await createScratchPostgresDatabase(serverUrl());
    return openMigrationConnection({ kind: "postgres", url: scratch.url });
  });
});

describe("the applied-migrations check on PGlite", () => {
  recordedAsAppliedScenario(openEmptyPGlite);
});
