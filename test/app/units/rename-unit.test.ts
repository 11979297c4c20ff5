import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { renameUnit } from "../../../src/app/units/rename-unit.js";
import { normalizeName } from "../../../src/domain/names.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit, uniqueNumber } from "../../support/unit-builders.js";

describeDatabase("renameUnit", (database) => {
  const app = () => appContext(database().prisma);

  it("renames the unit found by its code, drops its English name and audits only what changed", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const unit = await buildUnit(database().prisma);
    await database().prisma.unit.update({ where: { id: unit.id }, data: { nameEn: "Old Ward" } });
    const nameVi = `Phường Đổi Tên ${uniqueNumber()}`;
    const outcome = await renameUnit(app(), { actor: admin, code: unit.code.toLowerCase(), nameVi });
    expect(outcome).toMatchObject({ kind: "done", unit: { id: unit.id, nameVi, nameEn: null } });
    const stored = await database().prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect(stored.normalizedName).toBe(normalizeName(nameVi));
    const audit = await database().prisma.auditEvent.findMany({
      where: { action: "unit.renamed", unitId: unit.id },
    });
    expect(audit.map((event) => [event.before, event.after])).toEqual([
      [
        { nameVi: unit.nameVi, nameEn: "Old Ward" },
        { nameVi, nameEn: null },
      ],
    ]);
    expect(await renameUnit(app(), { actor: admin, code: unit.code, nameVi })).toMatchObject({
      kind: "unchanged",
    });
  });

  it("refuses anyone but a Center admin", async () => {
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    expect(await renameUnit(app(), { actor: head, code: unit.code, nameVi: "Phường Của Tôi" })).toEqual({
      kind: "forbidden",
    });
    expect((await database().prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).nameVi).toBe(
      unit.nameVi,
    );
  });

  it("tells an unknown code and a name another unit has", async () => {
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    const [unit, other] = [await buildUnit(database().prisma), await buildUnit(database().prisma)];
    expect(await renameUnit(app(), { actor: admin, code: "NOPE", nameVi: "Phường Nào" })).toEqual({
      kind: "unknownCode",
    });
    expect(await renameUnit(app(), { actor: admin, code: unit.code, nameVi: other.nameVi })).toEqual({
      kind: "duplicate",
    });
  });
});
