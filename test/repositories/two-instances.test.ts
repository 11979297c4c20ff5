// Two bot instances (or an instance and the CLI) on one PostgreSQL database, doing the same
// thing at the same moment: each write happens once, and neither fails.
import { beforeAll, expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { acceptInvite } from "../../src/app/invites/accept-invite.js";
import { createInvite } from "../../src/app/invites/create-invite.js";
import { ensureCenterAdmins } from "../../src/app/members/ensure-center-admins.js";
import { recordContact } from "../../src/app/people/record-contact.js";
import type { Db } from "../../src/db/prisma.js";
import { actorFromDatabase } from "../support/actors.js";
import { describePostgres, type TestDatabase } from "../support/test-database.js";
import { useTwoInstances } from "../support/two-instances.js";

describePostgres("two instances at once", () => {
  const instances = useTwoInstances();
  let database: TestDatabase;
  let other: { prisma: Db };
  beforeAll(() => {
    database = instances.database;
    other = { prisma: instances.other };
  });

  it("starting with the same CENTER_ADMIN_IDS make each id an admin exactly once between them", async () => {
    // Half of them have talked to the bot before (they exist), half are new.
    const ids = Array.from({ length: 40 }, (_, index) => 9100 + index);
    await database.prisma.person.createMany({
      data: ids.slice(0, 20).map((id) => ({ telegramUserId: BigInt(id) })),
    });
    const grant = (prisma: Db) =>
      ensureCenterAdmins(appContext(prisma), { actorLabel: "test", telegramUserIds: ids }).then(
        (outcome) => outcome.granted,
      );
    const [first, second] = await Promise.all([grant(database.prisma), grant(other.prisma)]);
    expect([...first, ...second].sort()).toEqual(ids);
    expect(
      await database.prisma.membership.count({ where: { role: "CENTER_ADMIN", status: "ACTIVE" } }),
    ).toBe(ids.length);
  });

  it("seeing someone's first message both record one person", async () => {
    const users = Array.from({ length: 40 }, (_, index) => ({
      id: 9200 + index,
      first_name: `Lan ${index}`,
    }));
    const record = (prisma: Db) =>
      Promise.all(users.map(async (user) => (await recordContact(appContext(prisma), { user })).person));
    const [first, second] = await Promise.all([record(database.prisma), record(other.prisma)]);
    expect(first.map((person) => person.id)).toEqual(second.map((person) => person.id));
    expect(await database.prisma.person.count({ where: { telegramUserId: { gte: 9200, lt: 9240 } } })).toBe(
      40,
    );
  });

  it("taking two invites to one unit for one person at the same moment link them once", async () => {
    const unit = await database.prisma.unit.create({
      data: { code: "INV", nameVi: "Phường Mời", normalizedName: "phuong moi", kind: "COMMUNE" },
    });
    const head = await database.prisma.person.create({ data: { telegramUserId: 9400n } });
    await database.prisma.membership.create({
      data: { personId: head.id, role: "UNIT_HEAD", unitId: unit.id },
    });
    const ours = appContext(database.prisma);
    const theirs = appContext(other.prisma);
    const actor = await actorFromDatabase(database.prisma, head.id);
    const invite = async (role: "OFFICER") => {
      const created = await createInvite(ours, {
        actor,
        role,
        unitId: unit.id,
        requestedUses: 1,
        ttlDays: 1,
      });
      if (created.kind !== "done") throw new Error("the head may invite officers");
      return created;
    };
    for (let round = 0; round < 10; round += 1) {
      const person = await database.prisma.person.create({ data: { telegramUserId: BigInt(9401 + round) } });
      const [first, second] = [await invite("OFFICER"), await invite("OFFICER")];
      const accept = (app: typeof ours, code: string) =>
        acceptInvite(app, { telegramUserId: 9401 + round, personId: person.id, code });
      const outcomes = await Promise.all([accept(ours, first.code), accept(theirs, second.code)]);
      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["alreadyMember", "linked"]);
      expect(
        await database.prisma.membership.count({
          where: { personId: person.id, unitId: unit.id, status: "ACTIVE" },
        }),
      ).toBe(1);
    }
  });
});
