// Two bot instances (or an instance and the CLI) on one PostgreSQL database, doing the same
// thing at the same moment: each write happens once, and neither fails.
import { afterAll, beforeAll, expect, it } from "vitest";
import { appContext } from "../../src/app/context.js";
import { acceptInvite } from "../../src/app/invites/accept-invite.js";
import { createInvite } from "../../src/app/invites/create-invite.js";
import { ensureCenterAdmins } from "../../src/app/members/ensure-center-admins.js";
import { recordContact } from "../../src/app/people/record-contact.js";
import { openDatabase } from "../../src/db/database.js";
import { createPrismaClient, type Db } from "../../src/db/prisma.js";
import { ChatBindingsRepository } from "../../src/repositories/chat-bindings.js";
import { actorFromDatabase } from "../support/actors.js";
import { createTestDatabase, describePostgres, type TestDatabase } from "../support/test-database.js";

describePostgres("two instances at once", () => {
  let database: TestDatabase;
  let other: { prisma: Db; close(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
    const second = await openDatabase(database.target);
    const prisma = createPrismaClient(second.adapterFactory);
    other = {
      prisma,
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

  it("handling a group's two upgrade notices at the same moment move its binding once, without an error", async () => {
    const unit = await database.prisma.unit.create({
      data: { code: "UPG", nameVi: "Phường Nâng Cấp", normalizedName: "phuong nang cap", kind: "COMMUNE" },
    });
    const person = await database.prisma.person.create({ data: { telegramUserId: 9300n } });
    const ours = new ChatBindingsRepository(database.prisma);
    const theirs = new ChatBindingsRepository(other.prisma);
    for (let round = 0; round < 10; round += 1) {
      const group = -5_000 - round;
      const supergroup = -1_000_000_005_000 - round;
      await ours.bind(group, "Nhóm", unit.id, person.id);
      // Every other round the supergroup has an old, unbound row of its own.
      if (round % 2 === 1) {
        await ours.bind(supergroup, "Nhóm cũ", unit.id, person.id);
        await ours.unbind(supergroup, { actorId: person.id });
      }
      const moved = await Promise.all([ours.moveChat(group, supergroup), theirs.moveChat(group, supergroup)]);
      expect(moved.filter(Boolean)).toHaveLength(1);
      expect(await ours.findActive(supergroup)).toMatchObject({ unit: { id: unit.id } });
      expect(await ours.findActive(group)).toBeNull();
    }
    expect(await database.prisma.auditEvent.count({ where: { action: "group.moved" } })).toBe(10);
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
