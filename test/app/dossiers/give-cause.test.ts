import { expect, it } from "vitest";
import { giveCause } from "../../../src/app/dossiers/give-cause.js";
import { auditActions, buildDossierWorld, HANOI } from "../../support/dossier-world.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("giveCause", (database) => {
  it("records a cause; a new one supersedes it and both stay, each audited on the dossier", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { actor: w.officer, dossierId: w.dossier.id, timeZone: HANOI };
    expect(await giveCause(w.app, { ...request, category: "WORKLOAD", detail: "  2 cán bộ nghỉ  " })).toEqual(
      {
        kind: "done",
        dossierId: w.dossier.id,
        unitId: w.unitId,
      },
    );
    expect(
      await giveCause(w.app, { ...request, actor: w.head, category: "SYNC_ERROR", detail: null }),
    ).toMatchObject({ kind: "done" });
    const reports = await w.db.causeReport.findMany({
      where: { dossierId: w.dossier.id },
      orderBy: { id: "asc" },
    });
    expect(reports.map((r) => [r.category, r.detail, r.supersededAt !== null, r.reportedById])).toEqual([
      ["WORKLOAD", "2 cán bộ nghỉ", true, w.officer.personId],
      ["SYNC_ERROR", null, false, w.head.personId],
    ]);
    const events = await w.db.auditEvent.findMany({
      where: { dossierId: w.dossier.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["dossier.causeGiven", null, { category: "WORKLOAD", detail: "2 cán bộ nghỉ" }],
      [
        "dossier.causeGiven",
        { category: "WORKLOAD", detail: "2 cán bộ nghỉ" },
        { category: "SYNC_ERROR", detail: null },
      ],
    ]);
  });

  it("records a double tap once: the same cause again is refused as unchanged", async () => {
    const w = await buildDossierWorld(database().prisma);
    const input = {
      actor: w.head,
      dossierId: w.dossier.id,
      timeZone: HANOI,
      category: "WORKLOAD" as const,
      detail: "x",
    };
    const both = await Promise.all([giveCause(w.app, input), giveCause(w.app, input)]);
    expect(both.map((o) => o.kind).sort()).toEqual(["done", "refused"]);
    expect(both.find((o) => o.kind === "refused")).toEqual({ kind: "refused", reason: "unchanged" });
    expect(await w.db.causeReport.count({ where: { dossierId: w.dossier.id } })).toBe(1);
  });

  it("refuses OTHER without a detail and a detail over 500 characters, writing nothing", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { actor: w.head, dossierId: w.dossier.id, timeZone: HANOI };
    expect(await giveCause(w.app, { ...request, category: "OTHER", detail: "   " })).toEqual({
      kind: "refused",
      reason: "detailRequired",
    });
    expect(await giveCause(w.app, { ...request, category: "WORKLOAD", detail: "x".repeat(501) })).toEqual({
      kind: "refused",
      reason: "detailTooLong",
    });
    expect(await w.db.causeReport.count({ where: { dossierId: w.dossier.id } })).toBe(0);
    expect(await auditActions(w.db, w.dossier.id)).toEqual([]);
  });

  it("forbids another unit's head, an admin and a viewer; a missing dossier is gone", async () => {
    const w = await buildDossierWorld(database().prisma);
    for (const actor of [w.otherHead, w.admin, w.viewer])
      expect(
        await giveCause(w.app, {
          actor,
          dossierId: w.dossier.id,
          timeZone: HANOI,
          category: "WORKLOAD",
          detail: null,
        }),
      ).toEqual({ kind: "forbidden" });
    expect(
      await giveCause(w.app, {
        actor: w.head,
        dossierId: 2_000_000_000,
        timeZone: HANOI,
        category: "WORKLOAD",
        detail: null,
      }),
    ).toEqual({ kind: "gone" });
    expect(await w.db.causeReport.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });
});
