import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import { importUnitList } from "../../../src/app/units/import-unit-list.js";
import { parseUnitList } from "../../../src/import/unit-list.js";
import { csv, type FixtureCell } from "../../import/fixtures.js";
import { describeDatabase } from "../../support/test-database.js";
import { buildActor, buildUnit, uniqueNumber } from "../../support/unit-builders.js";

const HEADER = ["STT", "Mã đơn vị", "Tên đơn vị", "Tên tiếng Anh", "Loại", "Mã đơn vị cấp trên"];
const FILE = { fileName: "units.csv", fileSha256: "0".repeat(64), source: "CLI" } as const;

const list = (rows: FixtureCell[][]) => parseUnitList(csv([HEADER, ...rows]));

describeDatabase("importUnitList", (database) => {
  const app = () => appContext(database().prisma);

  it("creates new units under their parents, updates known ones, and audits the batch", async () => {
    const known = await buildUnit(database().prisma);
    const [parent, child] = [`P${uniqueNumber()}`, `C${uniqueNumber()}`];
    const input = {
      by: { actorLabel: "cli" },
      list: await list([
        [1, child, `Phường Con ${child}`, null, null, parent],
        [2, parent, `Quận Cha ${parent}`, null, "DISTRICT", null],
        [3, known.code, `${known.nameVi} mới`, null, null, null],
      ]),
      file: FILE,
    };
    const dryRun = await importUnitList(app(), { ...input, dryRun: true });
    expect(dryRun).toMatchObject({ kind: "checked", created: 2, updated: 1, unchanged: 0 });
    expect(await database().prisma.unit.count({ where: { code: { in: [parent, child] } } })).toBe(0);

    const done = await importUnitList(app(), { ...input, dryRun: false });
    expect(done).toMatchObject({ kind: "done", created: 2, updated: 1 });
    expect(done.kind === "done" && done.changes.map((change) => [change.action, change.row])).toEqual([
      ["created", 2],
      ["created", 3],
      ["updated", 4],
    ]);
    const stored = await database().prisma.unit.findUniqueOrThrow({
      where: { code: child },
      select: { parent: { select: { code: true } } },
    });
    expect(stored.parent?.code).toBe(parent);
    const batch = await database().prisma.importBatch.findFirstOrThrow({
      where: { kind: "UNIT_LIST" },
      orderBy: { id: "desc" },
    });
    expect(batch).toMatchObject({ source: "CLI", rowCount: 3, importedById: null });
    expect(
      await database().prisma.auditEvent.count({
        where: { action: "unit.listImported", entityId: String(batch.id) },
      }),
    ).toBe(1);
  });

  it("rejects a list with a parent nobody has, writing nothing", async () => {
    const code = `R${uniqueNumber()}`;
    const outcome = await importUnitList(app(), {
      by: { actorLabel: "cli" },
      list: await list([[1, code, `Phường Lạc ${code}`, null, null, "NOPE"]]),
      dryRun: false,
      file: FILE,
    });
    expect(outcome).toMatchObject({ kind: "rejected", errors: [{ row: 2, code: "unknownParent" }] });
    expect(await database().prisma.unit.count({ where: { code } })).toBe(0);
  });

  it("lets only a Center admin import on their own behalf", async () => {
    const code = `A${uniqueNumber()}`;
    const input = {
      list: await list([[1, code, `Phường Nhập ${code}`, null, null, null]]),
      dryRun: false,
      file: { ...FILE, source: "BOT" as const },
    };
    const unit = await buildUnit(database().prisma);
    const head = await buildActor(database().prisma, "UNIT_HEAD", unit.id);
    expect(await importUnitList(app(), { ...input, by: { actor: head } })).toEqual({ kind: "forbidden" });
    expect(await database().prisma.unit.count({ where: { code } })).toBe(0);
    const admin = await buildActor(database().prisma, "CENTER_ADMIN");
    expect(await importUnitList(app(), { ...input, by: { actor: admin } })).toMatchObject({ kind: "done" });
    const batch = await database().prisma.importBatch.findFirstOrThrow({
      where: { importedById: admin.personId },
    });
    expect(batch.source).toBe("BOT");
  });
});
