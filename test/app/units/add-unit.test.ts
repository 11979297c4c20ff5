import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { addUnit } from "../../../src/app/units/add-unit.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit, uniqueNumber } from "../../support/unit-builders.js";

describeDatabase("addUnit", (database) => {
  const app = () => appContext(database().prisma);

  it("adds the unit under its parent, guesses its kind and audits it", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const parent = await buildUnit(database().prisma);
    const code = `N${uniqueNumber()}`;
    const outcome = await addUnit(app(), {
      actor: admin,
      code,
      nameVi: `Xã Mới ${code}`,
      kind: null,
      parentCode: parent.code,
    });
    expect(outcome).toMatchObject({ kind: "done", unit: { code, kind: "COMMUNE", active: true } });
    const stored = await database().prisma.unit.findUniqueOrThrow({ where: { code } });
    expect(stored.parentId).toBe(parent.id);
    const audit = await database().prisma.auditEvent.findMany({
      where: { action: "unit.created", unitId: stored.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(admin.personId);
  });

  it("refuses anyone but a Center admin, writing nothing", async () => {
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    const code = `N${uniqueNumber()}`;
    const outcome = await addUnit(app(), {
      actor: head,
      code,
      nameVi: "Xã Không Được",
      kind: null,
      parentCode: null,
    });
    expect(outcome).toEqual({ kind: "forbidden" });
    expect(await database().prisma.unit.count({ where: { code } })).toBe(0);
  });

  it("tells a duplicate code or name and an unknown parent apart, writing nothing", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const existing = await buildUnit(database().prisma);
    const before = await database().prisma.unit.count();
    const add = (code: string, nameVi: string, parentCode: string | null = null) =>
      addUnit(app(), { actor: admin, code, nameVi, kind: "DEPARTMENT", parentCode });
    expect(await add(existing.code, "Sở Khác Hẳn")).toEqual({ kind: "duplicate" });
    expect(await add(`N${uniqueNumber()}`, existing.nameVi.toUpperCase())).toEqual({ kind: "duplicate" });
    expect(await add(`N${uniqueNumber()}`, "Sở Mồ Côi", "NOPE")).toEqual({
      kind: "unknownParent",
      code: "NOPE",
    });
    expect(await database().prisma.unit.count()).toBe(before);
  });
});
