import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { setUnitActive } from "../../../src/app/units/set-unit-active.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit } from "../../support/unit-builders.js";

describeDatabase("setUnitActive", (database) => {
  const app = () => appContext(database().prisma);

  it("deactivates and reactivates the unit, naming its people whose menus change", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    const officer = await buildActor(database().prisma, "OFFICER", unit.id);
    const off = await setUnitActive(app(), { actor: admin, unitId: unit.id, active: false });
    expect(off).toMatchObject({ kind: "done", unit: { id: unit.id, active: false } });
    expect(off.kind === "done" && [...off.menusToRefresh].sort()).toEqual(
      [head.telegramUserId, officer.telegramUserId].sort(),
    );
    // The same press again changes nothing: no menu to refresh, nothing audited.
    expect(await setUnitActive(app(), { actor: admin, unitId: unit.id, active: false })).toMatchObject({
      kind: "unchanged",
    });
    expect(await setUnitActive(app(), { actor: admin, unitId: unit.id, active: true })).toMatchObject({
      kind: "done",
      unit: { active: true },
    });
    const audit = await database().prisma.auditEvent.findMany({
      where: { unitId: unit.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => [event.action, event.before, event.after])).toEqual([
      ["unit.deactivated", { active: true }, { active: false }],
      ["unit.reactivated", { active: false }, { active: true }],
    ]);
  });

  it("refuses the unit's own head, changing nothing", async () => {
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    expect(await setUnitActive(app(), { actor: head, unitId: unit.id, active: false })).toEqual({
      kind: "forbidden",
    });
    expect((await database().prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).active).toBe(true);
  });

  it("finds a unit that is no more gone", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const unit = await buildUnit(database().prisma);
    await database().prisma.unit.delete({ where: { id: unit.id } });
    expect(await setUnitActive(app(), { actor: admin, unitId: unit.id, active: false })).toEqual({
      kind: "gone",
    });
  });
});
