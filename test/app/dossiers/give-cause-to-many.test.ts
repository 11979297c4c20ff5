import { expect, it } from "vitest";
import { giveCause } from "../../../src/app/dossiers/give-cause.js";
import { giveCauseToMany } from "../../../src/app/dossiers/give-cause-to-many.js";
import { buildDossierWorld, HANOI } from "../../support/dossier-world.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("giveCauseToMany", (database) => {
  const currentCauses = (db: import("../../../src/generated/prisma/client.js").PrismaClient, ids: number[]) =>
    db.causeReport.findMany({
      where: { dossierId: { in: ids }, supersededAt: null },
      orderBy: { dossierId: "asc" },
      select: { dossierId: true, category: true },
    });

  it("gives one cause to every dossier of the list still missing one, in one go; again finds none", async () => {
    const w = await buildDossierWorld(database().prisma);
    const second = await w.addDossier();
    const answered = await w.addDossier();
    await giveCause(w.app, {
      actor: w.head,
      dossierId: answered.id,
      timeZone: HANOI,
      category: "SYNC_ERROR",
      detail: null,
    });
    const targets = { kind: "missingCause" as const, unitId: w.unitId, snapshotId: w.snapshotId };
    const input = {
      actor: w.officer,
      timeZone: HANOI,
      category: "WORKLOAD" as const,
      detail: "Thiếu người",
      targets,
    };
    expect(await giveCauseToMany(w.app, input)).toEqual({ kind: "done", given: 2, unchanged: 0, gone: 0 });
    expect(await currentCauses(w.db, [w.dossier.id, second.id, answered.id])).toEqual([
      { dossierId: w.dossier.id, category: "WORKLOAD" },
      { dossierId: second.id, category: "WORKLOAD" },
      { dossierId: answered.id, category: "SYNC_ERROR" },
    ]);
    expect(await giveCauseToMany(w.app, input)).toEqual({ kind: "empty" });
    expect(await w.db.auditEvent.count({ where: { dossierId: { in: [w.dossier.id, second.id] } } })).toBe(2);
  });

  it("gives it to the marked dossiers, leaving those that already have it", async () => {
    const w = await buildDossierWorld(database().prisma);
    const second = await w.addDossier();
    const input = { actor: w.head, timeZone: HANOI, category: "SYNC_ERROR" as const, detail: null };
    await giveCause(w.app, { ...input, dossierId: second.id });
    const targets = {
      kind: "dossiers" as const,
      dossierIds: [w.dossier.id, second.id, w.dossier.id, 2_000_000_001],
    };
    expect(await giveCauseToMany(w.app, { ...input, targets })).toEqual({
      kind: "done",
      given: 1,
      unchanged: 1,
      gone: 1,
    });
  });

  it("writes nothing when one marked dossier is another unit's, or the cause is refused", async () => {
    const w = await buildDossierWorld(database().prisma);
    const other = await buildDossierWorld(database().prisma);
    const targets = { kind: "dossiers" as const, dossierIds: [w.dossier.id, other.dossier.id] };
    expect(
      await giveCauseToMany(w.app, {
        actor: w.head,
        timeZone: HANOI,
        category: "WORKLOAD",
        detail: null,
        targets,
      }),
    ).toEqual({ kind: "forbidden" });
    expect(
      await giveCauseToMany(w.app, {
        actor: w.head,
        timeZone: HANOI,
        category: "OTHER",
        detail: "",
        targets: { kind: "dossiers", dossierIds: [w.dossier.id] },
      }),
    ).toEqual({ kind: "refused", reason: "detailRequired" });
    expect(
      await giveCauseToMany(w.app, {
        actor: w.otherHead,
        timeZone: HANOI,
        category: "WORKLOAD",
        detail: null,
        targets: { kind: "missingCause", unitId: w.unitId, snapshotId: w.snapshotId },
      }),
    ).toEqual({ kind: "forbidden" });
    expect(await currentCauses(w.db, [w.dossier.id, other.dossier.id])).toEqual([]);
  });
});
