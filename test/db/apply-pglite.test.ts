import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type DatabaseTarget, openDatabase } from "../../src/db/database.js";
import { applyMigrations, migrationStatus } from "../../src/db/migrations/migrations.js";
import { createPrismaClient } from "../../src/db/prisma.js";
import { migrationsDir } from "../support/test-database.js";
import { expectDeployedLikePrisma, migrationNames, temporaryFolder } from "./migration-fixtures.js";

describe("the project's migrations on PGlite", () => {
  it("apply to an in-memory database: status pending, then up to date, recorded as Prisma does", async () => {
    const local = await migrationNames(migrationsDir);
    expect(local.length).toBeGreaterThan(0);
    const database = await openDatabase({ kind: "pglite", dataDir: null });
    try {
      const before = await migrationStatus(database.adapterFactory, { migrationsDir });
      expect(before).toMatchObject({ local, pending: local, applied: [], failed: [], upToDate: false });

      expect(await applyMigrations(database.adapterFactory, { migrationsDir })).toEqual({ applied: local });

      const after = await migrationStatus(database.adapterFactory, { migrationsDir });
      expect(after).toMatchObject({ applied: local, pending: [], failed: [], edited: [], upToDate: true });
      await expectDeployedLikePrisma(database.adapterFactory, migrationsDir);
    } finally {
      await database.close();
    }
  });

  it("apply once to a file-backed database, which keeps its data when reopened", async () => {
    const folder = await temporaryFolder("pglite");
    // The data dir's parent does not exist yet: openDatabase creates it.
    const target: DatabaseTarget = { kind: "pglite", dataDir: join(folder.path, "data", "pglite") };
    const local = await migrationNames(migrationsDir);
    try {
      const openings = [local, [], []];
      for (const [opening, expected] of openings.entries()) {
        const database = await openDatabase(target);
        const prisma = createPrismaClient(database.adapterFactory);
        try {
          expect(await applyMigrations(database.adapterFactory, { migrationsDir })).toEqual({
            applied: expected,
          });
          await prisma.calendarDay.create({
            data: { date: new Date(Date.UTC(2025, 0, 1 + opening)), kind: "HOLIDAY", name: `day ${opening}` },
          });
          expect(await prisma.calendarDay.count()).toBe(opening + 1);
        } finally {
          await prisma.$disconnect();
          await database.close();
        }
      }
    } finally {
      await folder.remove();
    }
  });
});
