import { expect, it } from "vitest";
import { markResolved } from "../../../src/app/dossiers/mark-resolved.js";
import { reopen } from "../../../src/app/dossiers/reopen.js";
import { undoResolution } from "../../../src/app/dossiers/undo-resolution.js";
import { auditActions, buildDossierWorld, HANOI } from "../../support/dossier-world.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("markResolved, undoResolution and reopen", (database) => {
  const stateOf = async (db: import("../../../src/generated/prisma/client.js").PrismaClient, id: number) =>
    (await db.dossier.findUniqueOrThrow({ where: { id } })).state;

  it("resolves today in Hanoi by default, with a note; a double tap is refused as already resolved", async () => {
    const w = await buildDossierWorld(database().prisma);
    // 23:30 UTC on 10/04 is already 11/04 in Hanoi.
    w.clock.now = new Date("2025-04-10T23:30:00Z");
    const input = {
      actor: w.officer,
      dossierId: w.dossier.id,
      timeZone: HANOI,
      note: " Đã trả qua bưu điện ",
    };
    const first = await markResolved(w.app, input);
    expect(first).toMatchObject({ kind: "done", resolvedOn: "2025-04-11" });
    expect(await markResolved(w.app, input)).toEqual({ kind: "refused", reason: "alreadyResolved" });
    const resolutions = await w.db.dossierResolution.findMany({ where: { dossierId: w.dossier.id } });
    expect(resolutions.map((r) => [r.outcome, r.resolvedOn, r.note, r.recordedById])).toEqual([
      ["RESULT_ISSUED", new Date("2025-04-11T00:00:00Z"), "Đã trả qua bưu điện", w.officer.personId],
    ]);
    expect(await stateOf(w.db, w.dossier.id)).toBe("RESOLVED");
    expect(await auditActions(w.db, w.dossier.id)).toEqual(["dossier.resolved"]);
  });

  it("refuses a date in the future or before receipt, a note too long, and a dossier the portal finished", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { actor: w.head, dossierId: w.dossier.id, timeZone: HANOI };
    expect(await markResolved(w.app, { ...request, resolvedOn: "2025-04-12" })).toEqual({
      kind: "refused",
      reason: "resolvedInFuture",
    });
    expect(await markResolved(w.app, { ...request, resolvedOn: "2025-03-01" })).toEqual({
      kind: "refused",
      reason: "resolvedBeforeReceived",
    });
    expect(await markResolved(w.app, { ...request, note: "n".repeat(501) })).toEqual({
      kind: "refused",
      reason: "noteTooLong",
    });
    const finished = await w.addDossier({ finishedAt: new Date("2025-04-01T03:00:00Z") });
    expect(await markResolved(w.app, { ...request, dossierId: finished.id })).toEqual({
      kind: "refused",
      reason: "alreadyResolved",
    });
    expect(
      await w.db.dossierResolution.count({ where: { dossierId: { in: [w.dossier.id, finished.id] } } }),
    ).toBe(0);
  });

  it("forbids another unit's head, an admin and a viewer", async () => {
    const w = await buildDossierWorld(database().prisma);
    for (const actor of [w.otherHead, w.admin, w.viewer])
      expect(await markResolved(w.app, { actor, dossierId: w.dossier.id, timeZone: HANOI })).toEqual({
        kind: "forbidden",
      });
  });

  it("lets the same person undo within ten minutes, not a colleague, not later", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { dossierId: w.dossier.id, timeZone: HANOI };
    await markResolved(w.app, { ...request, actor: w.officer });
    expect(await undoResolution(w.app, { ...request, actor: w.head })).toEqual({
      kind: "refused",
      reason: "notYours",
    });
    w.clock.now = new Date(w.clock.now.getTime() + 10 * 60 * 1000);
    expect(await undoResolution(w.app, { ...request, actor: w.officer })).toMatchObject({ kind: "done" });
    expect(await undoResolution(w.app, { ...request, actor: w.officer })).toEqual({
      kind: "refused",
      reason: "notResolved",
    });
    expect(await stateOf(w.db, w.dossier.id)).toBe("OPEN");
    await markResolved(w.app, { ...request, actor: w.officer });
    w.clock.now = new Date(w.clock.now.getTime() + 10 * 60 * 1000 + 1);
    expect(await undoResolution(w.app, { ...request, actor: w.officer })).toEqual({
      kind: "refused",
      reason: "undoTooLate",
    });
    const resolutions = await w.db.dossierResolution.findMany({
      where: { dossierId: w.dossier.id },
      orderBy: { id: "asc" },
    });
    expect(resolutions.map((r) => [r.revokedAt !== null, r.revokedById])).toEqual([
      [true, w.officer.personId],
      [false, null],
    ]);
    expect(await auditActions(w.db, w.dossier.id)).toEqual([
      "dossier.resolved",
      "dossier.resolutionUndone",
      "dossier.resolved",
    ]);
  });

  it("lets only a Center admin reopen, once", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { dossierId: w.dossier.id, timeZone: HANOI };
    expect(await reopen(w.app, { ...request, actor: w.admin })).toEqual({
      kind: "refused",
      reason: "notResolved",
    });
    await markResolved(w.app, { ...request, actor: w.head });
    expect(await reopen(w.app, { ...request, actor: w.head })).toEqual({
      kind: "refused",
      reason: "adminOnly",
    });
    expect(await reopen(w.app, { ...request, actor: w.otherHead })).toEqual({ kind: "forbidden" });
    expect(await reopen(w.app, { ...request, actor: w.viewer })).toEqual({ kind: "forbidden" });
    const both = await Promise.all([
      reopen(w.app, { ...request, actor: w.admin }),
      reopen(w.app, { ...request, actor: w.admin }),
    ]);
    expect(both.map((o) => o.kind).sort()).toEqual(["done", "refused"]);
    expect(await stateOf(w.db, w.dossier.id)).toBe("OPEN");
    expect(await auditActions(w.db, w.dossier.id)).toEqual(["dossier.resolved", "dossier.reopened"]);
  });
});
