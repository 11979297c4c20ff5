import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { bindGroup } from "../../../src/app/groups/bind-group.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit, uniqueNumber } from "../../support/unit-builders.js";

describeDatabase("bindGroup", (database) => {
  const app = () => appContext(database().prisma);
  const bindingOf = (chatId: number) =>
    database().prisma.chatBinding.findUnique({ where: { chatId: BigInt(chatId) } });

  it("binds the group to the head's unit once, audited; a second unit finds it taken", async () => {
    const [unit, other] = [await buildUnit(database().prisma), await buildUnit(database().prisma)];
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    const otherHead = await buildActor(database().prisma, "UNIT_HEAD", other.id);
    const chatId = -uniqueNumber();
    expect(await bindGroup(app(), { actor: head, chatId, title: "Nhóm", unitId: unit.id })).toMatchObject({
      kind: "bound",
      binding: { chatId, title: "Nhóm", unit: { id: unit.id } },
    });
    expect(
      await bindGroup(app(), { actor: otherHead, chatId, title: "Nhóm", unitId: other.id }),
    ).toMatchObject({ kind: "alreadyBound", binding: { unit: { id: unit.id } } });
    expect(await bindingOf(chatId)).toMatchObject({ unitId: unit.id, active: true });
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "group.bound", entityId: String(chatId) },
      }),
    ).toBe(1);
  });

  it("refuses an officer of the unit and the head of another", async () => {
    const [unit, other] = [await buildUnit(database().prisma), await buildUnit(database().prisma)];
    const chatId = -uniqueNumber();
    for (const actor of [
      await buildActor(database().prisma, "OFFICER", unit.id),
      await buildActor(database().prisma, "UNIT_HEAD", other.id),
    ])
      expect(await bindGroup(app(), { actor, chatId, title: null, unitId: unit.id })).toEqual({
        kind: "forbidden",
      });
    expect(await bindingOf(chatId)).toBeNull();
  });

  it("finds a deactivated unit gone, and frees a group whose unit was deactivated", async () => {
    const [closed, open] = [await buildUnit(database().prisma), await buildUnit(database().prisma)];
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const chatId = -uniqueNumber();
    await bindGroup(app(), { actor: admin, chatId, title: null, unitId: closed.id });
    await database().prisma.unit.update({ where: { id: closed.id }, data: { active: false } });
    expect(await bindGroup(app(), { actor: admin, chatId, title: null, unitId: closed.id })).toEqual({
      kind: "gone",
    });
    expect(await bindGroup(app(), { actor: admin, chatId, title: null, unitId: open.id })).toMatchObject({
      kind: "bound",
      binding: { unit: { id: open.id } },
    });
  });
});
