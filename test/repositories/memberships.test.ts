import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { createPrismaClient } from "../../src/db/prisma.js";
import { MembershipsRepository } from "../../src/repositories/memberships.js";
import { PeopleRepository } from "../../src/repositories/people.js";
import {
  createTestDatabase,
  databaseLabel,
  describePostgres,
  type TestDatabase,
} from "../support/test-database.js";

describe(`Center admins from CENTER_ADMIN_IDS on ${databaseLabel()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("makes each id an active admin once, with an audit event, and is idempotent", async () => {
    const memberships = new MembershipsRepository(database.prisma);
    expect(await memberships.ensureCenterAdmins([9001, 9002])).toEqual([9001, 9002]);
    expect(await memberships.ensureCenterAdmins([9001, 9002, 9003])).toEqual([9003]);

    const person = await new PeopleRepository(database.prisma).findByTelegramId(9001);
    expect(person?.memberships).toEqual([{ id: expect.any(Number), role: "CENTER_ADMIN", unit: null }]);
    const events = await database.prisma.auditEvent.findMany({ where: { action: "membership.granted" } });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actorLabel: "config:CENTER_ADMIN_IDS", entityType: "Membership" });
  });
});

describePostgres("two instances starting at once with the same CENTER_ADMIN_IDS", () => {
  let database: TestDatabase;
  let other: { close(): Promise<void>; memberships: MembershipsRepository };
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
    const second = await openDatabase(database.target);
    const prisma = createPrismaClient(second.adapterFactory);
    other = {
      memberships: new MembershipsRepository(prisma),
      close: async () => {
        await prisma.$disconnect();
        await second.close();
      },
    };
  });
  afterAll(async () => {
    await other?.close();
    await database?.drop();
  });

  it("make each id an admin exactly once between them", async () => {
    // Half of them have talked to the bot before (they exist), half are new.
    const ids = Array.from({ length: 40 }, (_, index) => 9100 + index);
    await database.prisma.person.createMany({
      data: ids.slice(0, 20).map((id) => ({ telegramUserId: BigInt(id) })),
    });
    const [first, second] = await Promise.all([
      new MembershipsRepository(database.prisma).ensureCenterAdmins(ids),
      other.memberships.ensureCenterAdmins(ids),
    ]);
    expect([...first, ...second].sort()).toEqual(ids);
    expect(
      await database.prisma.membership.count({ where: { role: "CENTER_ADMIN", status: "ACTIVE" } }),
    ).toBe(ids.length);
  });
});
