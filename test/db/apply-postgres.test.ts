import { afterAll, beforeAll, expect, it } from "vitest";
import { type Database, openMigrationConnection } from "../../src/db/database.js";
import { applyMigrations, migrationStatus } from "../../src/db/migrations/migrations.js";
import { createScratchPostgresDatabase, describePostgres, migrationsDir } from "../support/test-database.js";
import { expectDeployedLikePrisma, migrationNames } from "./migration-fixtures.js";

describePostgres("the project's migrations", (serverUrl) => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let database: Database;
  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase(serverUrl());
    database = await openMigrationConnection({ kind: "postgres", url: scratch.url });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });

  it("apply to a throw-away database: status pending, then up to date, recorded as Prisma does", async () => {
    const local = await migrationNames(migrationsDir);
    const before = await migrationStatus(database.adapterFactory, { migrationsDir });
    expect(before).toMatchObject({ local, pending: local, applied: [], failed: [], upToDate: false });

    expect(await applyMigrations(database.adapterFactory, { migrationsDir })).toEqual({ applied: local });
    expect(await applyMigrations(database.adapterFactory, { migrationsDir })).toEqual({ applied: [] });

    const after = await migrationStatus(database.adapterFactory, { migrationsDir });
    expect(after).toMatchObject({ applied: local, pending: [], failed: [], edited: [], upToDate: true });
    await expectDeployedLikePrisma(database.adapterFactory, migrationsDir);
  });
});
