// Two bot instances (or an instance and the CLI) on one PostgreSQL database, doing the same
// thing at the same moment: each write happens once, and neither fails.
import { expect, it } from "vitest";
import type { Db } from "../../src/db/prisma.js";
import { ChatBindingsRepository } from "../../src/repositories/chat-bindings.js";
import { InvitesRepository } from "../../src/repositories/invites.js";
import { MembershipsRepository } from "../../src/repositories/memberships.js";
import { PeopleRepository } from "../../src/repositories/people.js";
import { describePostgres, twoPostgresClients } from "../support/test-database.js";

describePostgres("two instances at once", () => {
  const { database, other } = twoPostgresClients();

  it("starting with the same CENTER_ADMIN_IDS make each id an admin exactly once between them", async () => {
    // Half of them have talked to the bot before (they exist), half are new.
    const ids = Array.from({ length: 40 }, (_, index) => 9100 + index);
    await database.prisma.person.createMany({
      data: ids.slice(0, 20).map((id) => ({ telegramUserId: BigInt(id) })),
    });
    const [first, second] = await Promise.all([
      new MembershipsRepository(database.prisma).ensureCenterAdmins(ids),
      new MembershipsRepository(other.prisma).ensureCenterAdmins(ids),
    ]);
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
      Promise.all(users.map((user) => new PeopleRepository(prisma).recordContact(user)));
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
    const invites = new InvitesRepository(database.prisma);
    const now = new Date();
    const invite = (role: "OFFICER") =>
      invites.create({
        role,
        unitId: unit.id,
        createdById: head.id,
        maxUses: 1,
        expiresAt: new Date(now.getTime() + 3_600_000),
      });
    for (let round = 0; round < 10; round += 1) {
      const person = await database.prisma.person.create({ data: { telegramUserId: BigInt(9401 + round) } });
      const [first, second] = [await invite("OFFICER"), await invite("OFFICER")];
      const outcomes = await Promise.all([
        invites.accept(first.code, person.id, now),
        new InvitesRepository(other.prisma).accept(second.code, person.id, now),
      ]);
      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["alreadyMember", "linked"]);
      expect(
        await database.prisma.membership.count({
          where: { personId: person.id, unitId: unit.id, status: "ACTIVE" },
        }),
      ).toBe(1);
    }
  });
});
