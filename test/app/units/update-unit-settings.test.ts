import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { updateUnitSettings } from "../../../src/app/units/update-unit-settings.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit } from "../../support/unit-builders.js";

describeDatabase("updateUnitSettings", (database) => {
  const app = () => appContext(database().prisma);

  it("lets a head set their unit's push target and internal group, audited once per change", async () => {
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    const update = (settings: { pushTarget?: "PRIVATE"; groupIsInternal?: boolean }) =>
      updateUnitSettings(app(), { actor: head, unitId: unit.id, settings });
    expect(await update({ pushTarget: "PRIVATE" })).toMatchObject({ kind: "done", unit: { id: unit.id } });
    expect(await update({ pushTarget: "PRIVATE" })).toMatchObject({ kind: "unchanged" });
    expect(await update({ groupIsInternal: true })).toMatchObject({ kind: "done" });
    const stored = await database().prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect(stored).toMatchObject({ pushTarget: "PRIVATE", groupIsInternal: true });
    const audit = await database().prisma.auditEvent.findMany({
      where: { action: "unit.configured", unitId: unit.id },
      orderBy: { id: "asc" },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit).toEqual([
      { actorId: head.personId, before: { pushTarget: "BOTH" }, after: { pushTarget: "PRIVATE" } },
      { actorId: head.personId, before: { groupIsInternal: false }, after: { groupIsInternal: true } },
    ]);
  });

  it("refuses an officer of the unit and the head of another", async () => {
    const unit = await buildUnit(database().prisma);
    const other = await buildUnit(database().prisma);
    for (const actor of [
      await buildActor(database().prisma, "OFFICER", unit.id),
      await buildActor(database().prisma, "UNIT_HEAD", other.id),
    ]) {
      expect(
        await updateUnitSettings(app(), { actor, unitId: unit.id, settings: { groupIsInternal: true } }),
      ).toEqual({ kind: "forbidden" });
    }
    expect((await database().prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).groupIsInternal).toBe(
      false,
    );
  });

  it("finds a unit that is no more gone", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const unit = await buildUnit(database().prisma);
    await database().prisma.unit.delete({ where: { id: unit.id } });
    expect(
      await updateUnitSettings(app(), { actor: admin, unitId: unit.id, settings: { pushTarget: "GROUP" } }),
    ).toEqual({ kind: "gone" });
  });
});
