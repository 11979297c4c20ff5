import { describe, expect, it } from "vitest";
import { readMigrationsList } from "../../src/db/migrations/migrations.js";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { checkReadiness, migrationsApplied } from "../../src/server/readiness.js";
import { describeDatabase } from "../support/test-database.js";

describe("checkReadiness", () => {
  it("is ready only when every check passes, and gives up on a check that hangs", async () => {
    const report = await checkReadiness(
      {
        database: async () => {},
        redis: () => new Promise(() => {}),
        migrations: async () => {
          throw new Error("not applied: 2099_future\nmore detail");
        },
      },
      50,
    );
    expect(report).toEqual({
      ready: false,
      checks: { database: "ok", redis: "no answer within 50 ms", migrations: "not applied: 2099_future" },
    });
    expect(await checkReadiness({ database: async () => {} })).toEqual({
      ready: true,
      checks: { database: "ok" },
    });
  });
});

describeDatabase("migrationsApplied", (database) => {
  it("passes when every migration of this code is applied, and names those that are not", async () => {
    const names = (await readMigrationsList(MIGRATIONS_DIR)).migrationDirectories.map((dir) => dir.path);
    await expect(migrationsApplied(database().prisma, names)()).resolves.toBeUndefined();
    await expect(migrationsApplied(database().prisma, [...names, "20990101000000_future"])()).rejects.toThrow(
      "not applied: 20990101000000_future",
    );
  });
});
