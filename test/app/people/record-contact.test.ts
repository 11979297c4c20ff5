import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { recordContact } from "../../../src/app/people/record-contact.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("recordContact", (database) => {
  const app = () => appContext(database().prisma);

  it("records a person on first contact, then refreshes the names Telegram reports", async () => {
    const first = await recordContact(app(), { user: { id: 7001, first_name: "Lan", username: "lan" } });
    expect(first).toMatchObject({
      kind: "done",
      person: { telegramUserId: 7001, firstName: "Lan", language: null, memberships: [] },
    });
    const again = await recordContact(app(), {
      user: { id: 7001, first_name: "Lan Anh", last_name: "Trần" },
    });
    expect(again.person.id).toBe(first.person.id);
    expect(await database().prisma.person.findUnique({ where: { id: first.person.id } })).toMatchObject({
      firstName: "Lan Anh",
      lastName: "Trần",
      username: null,
    });
  });

  it("returns the person's active memberships", async () => {
    const person = await database().prisma.person.create({ data: { telegramUserId: 7011n } });
    await database().prisma.membership.create({ data: { personId: person.id, role: "PC_VIEWER" } });
    await database().prisma.membership.create({
      data: { personId: person.id, role: "CENTER_ADMIN", status: "REMOVED", removedAt: new Date() },
    });
    const { person: recorded } = await recordContact(app(), { user: { id: 7011, first_name: "Minh" } });
    expect(recorded.memberships).toEqual([{ id: expect.any(Number), role: "PC_VIEWER", unit: null }]);
  });

  it("seeing one person's first messages at the same moment records them once", async () => {
    const user = { id: 7021, first_name: "Hà" };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => recordContact(app(), { user })));
    expect(new Set(outcomes.map((outcome) => outcome.person.id)).size).toBe(1);
    expect(await database().prisma.person.count({ where: { telegramUserId: 7021n } })).toBe(1);
  });
});
