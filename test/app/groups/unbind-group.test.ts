import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { bindGroup } from "../../../src/app/groups/bind-group.js";
import { unbindGroup } from "../../../src/app/groups/unbind-group.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit, uniqueNumber } from "../../support/unit-builders.js";

describeDatabase("unbindGroup", (database) => {
  const app = () => appContext(database().prisma, () => new Date("2025-04-11T04:00:00Z"));

  async function boundGroup() {
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    const chatId = -uniqueNumber();
    await bindGroup(app(), { actor: head, chatId, title: "Nhóm", unitId: unit.id });
    return { unit, head, chatId };
  }

  const audit = (chatId: number) =>
    database().prisma.auditEvent.findMany({
      where: { action: "group.unbound", entityId: String(chatId) },
      select: { actorId: true, actorLabel: true },
    });

  it("unbinds the group on its head's word, once", async () => {
    const { unit, head, chatId } = await boundGroup();
    expect(await unbindGroup(app(), { by: { actor: head }, chatId })).toEqual({
      kind: "unbound",
      unitId: unit.id,
    });
    expect(
      await database().prisma.chatBinding.findUnique({ where: { chatId: BigInt(chatId) } }),
    ).toMatchObject({
      active: false,
      unboundAt: new Date("2025-04-11T04:00:00Z"),
    });
    expect(await unbindGroup(app(), { by: { actor: head }, chatId })).toEqual({ kind: "gone" });
    expect(await audit(chatId)).toEqual([{ actorId: head.personId, actorLabel: null }]);
  });

  it("refuses an officer of the unit, keeping the binding", async () => {
    const { unit, chatId } = await boundGroup();
    const officer = await buildActor(database().prisma, "OFFICER", unit.id);
    expect(await unbindGroup(app(), { by: { actor: officer }, chatId })).toEqual({ kind: "forbidden" });
    expect(
      await database().prisma.chatBinding.findUnique({ where: { chatId: BigInt(chatId) } }),
    ).toMatchObject({
      active: true,
    });
  });

  it("unbinds for a system actor (the bot removed), and finds a group never bound gone", async () => {
    const { chatId } = await boundGroup();
    const removed = { actorLabel: "telegram:bot-removed" };
    expect(await unbindGroup(app(), { by: removed, chatId })).toMatchObject({ kind: "unbound" });
    expect(await audit(chatId)).toEqual([{ actorId: null, actorLabel: "telegram:bot-removed" }]);
    expect(await unbindGroup(app(), { by: removed, chatId: -uniqueNumber() })).toEqual({ kind: "gone" });
  });
});
