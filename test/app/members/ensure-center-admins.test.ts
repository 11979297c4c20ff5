import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { ensureCenterAdmins } from "../../../src/app/members/ensure-center-admins.js";
import { PeopleRepository } from "../../../src/repositories/people.js";
import { describeDatabase } from "../../support/test-database.js";

const LABEL = "config:CENTER_ADMIN_IDS";

describeDatabase("ensureCenterAdmins", (database) => {
  const app = () => appContext(database().prisma);

  it("makes each id an active admin once, with an audit event, and is idempotent", async () => {
    const grant = (telegramUserIds: number[]) =>
      ensureCenterAdmins(app(), { actorLabel: LABEL, telegramUserIds });
    expect(await grant([9001, 9002])).toEqual({ kind: "done", granted: [9001, 9002] });
    expect(await grant([9001, 9002, 9003])).toEqual({ kind: "done", granted: [9003] });

    const person = await new PeopleRepository(database().prisma).findByTelegramId(9001);
    expect(person?.memberships).toEqual([{ id: expect.any(Number), role: "CENTER_ADMIN", unit: null }]);
    const events = await database().prisma.auditEvent.findMany({
      where: { action: "membership.granted", after: { path: ["telegramUserId"], lt: 9004 } },
    });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actorLabel: LABEL, entityType: "Membership" });
  });

  it("grants nothing for an empty list", async () => {
    expect(await ensureCenterAdmins(app(), { actorLabel: LABEL, telegramUserIds: [] })).toEqual({
      kind: "done",
      granted: [],
    });
  });

  it("keeps an admin who already talked to the bot, and repeats no id", async () => {
    const person = await database().prisma.person.create({
      data: { telegramUserId: 9011n, firstName: "Hà" },
    });
    expect(
      await ensureCenterAdmins(app(), { actorLabel: LABEL, telegramUserIds: [9012, 9011, 9012] }),
    ).toEqual({ kind: "done", granted: [9011, 9012] });
    const memberships = await database().prisma.membership.findMany({ where: { personId: person.id } });
    expect(memberships).toMatchObject([{ role: "CENTER_ADMIN", unitId: null, status: "ACTIVE" }]);
    expect(await database().prisma.person.findUnique({ where: { id: person.id } })).toMatchObject({
      firstName: "Hà",
    });
  });

  it("run twice at the same moment, grants each id exactly once between them", async () => {
    const ids = [9021, 9022, 9023, 9024];
    const [first, second] = await Promise.all([
      ensureCenterAdmins(app(), { actorLabel: LABEL, telegramUserIds: ids }),
      ensureCenterAdmins(app(), { actorLabel: LABEL, telegramUserIds: [...ids].reverse() }),
    ]);
    expect([...first.granted, ...second.granted].sort()).toEqual(ids);
    const people = await database().prisma.person.findMany({
      where: { telegramUserId: { in: ids.map(BigInt) } },
      include: { memberships: true },
    });
    expect(people.map((person) => person.memberships.length)).toEqual([1, 1, 1, 1]);
  });
});
