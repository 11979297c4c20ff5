// A group upgraded to a supergroup: its binding follows the new chat id, once, even when the
// two notices Telegram sends are handled at the same moment by two instances.
import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { bindGroup } from "../../../src/app/groups/bind-group.js";
import { moveGroup } from "../../../src/app/groups/move-group.js";
import { unbindGroup } from "../../../src/app/groups/unbind-group.js";
import type { Db } from "../../../src/db/prisma.js";
import { describeDatabase, describePostgres } from "../../support/test-database.js";
import { useTwoInstances } from "../../support/two-instances.js";
import { buildActor, buildUnit, uniqueNumber } from "../../support/unit-builders.js";

async function boundGroup(db: Db) {
  const unit = await buildUnit(db);
  const head = await buildActor(db, "UNIT_HEAD", unit.id);
  const group = -uniqueNumber();
  await bindGroup(appContext(db), { actor: head, chatId: group, title: "Nhóm", unitId: unit.id });
  return { unit, head, group, supergroup: group - 1_000_000_000_000 };
}

const rowsOf = (db: Db, chatIds: readonly number[]) =>
  db.chatBinding.findMany({
    where: { chatId: { in: chatIds.map(BigInt) } },
    orderBy: { chatId: "asc" },
    select: { chatId: true, unitId: true, active: true },
  });

describeDatabase("moveGroup", (database) => {
  const app = () => appContext(database().prisma);

  it("moves the binding to the supergroup's id, audited, and the second notice finds it gone", async () => {
    const { unit, group, supergroup } = await boundGroup(database().prisma);
    expect(await moveGroup(app(), { fromChatId: group, toChatId: supergroup })).toEqual({
      kind: "moved",
      unitId: unit.id,
      keptExisting: false,
    });
    expect(await moveGroup(app(), { fromChatId: group, toChatId: supergroup })).toEqual({ kind: "gone" });
    expect(await rowsOf(database().prisma, [group, supergroup])).toEqual([
      { chatId: BigInt(supergroup), unitId: unit.id, active: true },
    ]);
    const moves = await database().prisma.auditEvent.findMany({
      where: { action: "group.moved", entityId: String(supergroup) },
      select: { actorLabel: true, before: true, after: true },
    });
    expect(moves).toEqual([
      {
        actorLabel: "telegram:group-upgraded",
        before: { chatId: group },
        after: { chatId: supergroup, keptExisting: false },
      },
    ]);
  });

  it("keeps a binding the supergroup already has, and ends the old group's", async () => {
    const { unit, group, supergroup } = await boundGroup(database().prisma);
    const other = await buildUnit(database().prisma);
    const otherHead = await buildActor(database().prisma, "UNIT_HEAD", other.id);
    await bindGroup(app(), { actor: otherHead, chatId: supergroup, title: "Nhóm", unitId: other.id });
    expect(await moveGroup(app(), { fromChatId: group, toChatId: supergroup })).toMatchObject({
      kind: "moved",
      keptExisting: true,
    });
    expect(await rowsOf(database().prisma, [group, supergroup])).toEqual([
      { chatId: BigInt(supergroup), unitId: other.id, active: true },
      { chatId: BigInt(group), unitId: unit.id, active: false },
    ]);
  });

  it("finds a group never bound gone", async () => {
    expect(await moveGroup(app(), { fromChatId: -uniqueNumber(), toChatId: -uniqueNumber() })).toEqual({
      kind: "gone",
    });
  });
});

describePostgres("moveGroup from two instances at once", () => {
  const instances = useTwoInstances();

  it("handling a group's two upgrade notices at the same moment move its binding once, without an error", async () => {
    const { database, other } = instances;
    const ours = appContext(database.prisma);
    const theirs = appContext(other);
    for (let round = 0; round < 10; round += 1) {
      const { unit, head, group, supergroup } = await boundGroup(database.prisma);
      // Every other round the supergroup has an old, unbound row of its own.
      if (round % 2 === 1) {
        await bindGroup(ours, { actor: head, chatId: supergroup, title: "Nhóm cũ", unitId: unit.id });
        await unbindGroup(ours, { by: { actor: head }, chatId: supergroup });
      }
      const moved = await Promise.all([
        moveGroup(ours, { fromChatId: group, toChatId: supergroup }),
        moveGroup(theirs, { fromChatId: group, toChatId: supergroup }),
      ]);
      expect(moved.map((outcome) => outcome.kind).sort()).toEqual(["gone", "moved"]);
      expect(await rowsOf(database.prisma, [group, supergroup])).toEqual([
        { chatId: BigInt(supergroup), unitId: unit.id, active: true },
      ]);
    }
    expect(await database.prisma.auditEvent.count({ where: { action: "group.moved" } })).toBe(10);
  });
});
