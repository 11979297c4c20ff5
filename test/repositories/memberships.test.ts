import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MembershipsRepository } from "../../src/repositories/memberships.js";
import { PeopleRepository } from "../../src/repositories/people.js";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/test-database.js";

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
