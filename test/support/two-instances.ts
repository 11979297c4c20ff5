// A PostgreSQL test database as two instances of the bot (or an instance and the CLI) see it:
// two clients, each with its own connection pool, for tests of what they do at the same moment.
import { afterAll, beforeAll } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createPrismaClient, type Db } from "../../src/db/prisma.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface TwoInstances {
  database: TestDatabase;
  /** The second instance's client on the same database. */
  other: Db;
}

/** Use inside `describePostgres`: filled in before the tests run, closed and dropped after. */
export function useTwoInstances(): TwoInstances {
  const instances = {} as TwoInstances;
  let closeOther: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    instances.database = await createTestDatabase({ kind: "postgres" });
    const second = await openDatabase(instances.database.target);
    instances.other = createPrismaClient(second.adapterFactory);
    closeOther = async () => {
      await instances.other.$disconnect();
      await second.close();
    };
  });
  afterAll(async () => {
    await closeOther?.();
    await instances.database?.drop();
  });
  return instances;
}
