import { expect, it } from "vitest";
import { endPause } from "../../../src/app/dossiers/end-pause.js";
import { markResolved } from "../../../src/app/dossiers/mark-resolved.js";
import { startPause } from "../../../src/app/dossiers/start-pause.js";
import { auditActions, buildDossierWorld, HANOI } from "../../support/dossier-world.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("startPause and endPause", (database) => {
  it("pauses today with what is awaited and ends the pause; double taps are refused", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { actor: w.officer, dossierId: w.dossier.id, timeZone: HANOI };
    expect(await endPause(w.app, request)).toEqual({ kind: "refused", reason: "notPaused" });
    expect(await startPause(w.app, { ...request, awaiting: " Bổ sung giấy xác nhận cư trú " })).toMatchObject(
      {
        kind: "done",
      },
    );
    expect(await startPause(w.app, { ...request, awaiting: "lệ phí" })).toEqual({
      kind: "refused",
      reason: "alreadyPaused",
    });
    w.clock.now = new Date("2025-04-15T03:00:00Z");
    expect(await endPause(w.app, { ...request, actor: w.head })).toMatchObject({ kind: "done" });
    expect(await endPause(w.app, request)).toEqual({ kind: "refused", reason: "notPaused" });
    const pauses = await w.db.slaPause.findMany({ where: { dossierId: w.dossier.id } });
    expect(pauses.map((p) => [p.awaiting, p.startedOn, p.endedOn, p.recordedById, p.endedById])).toEqual([
      [
        "Bổ sung giấy xác nhận cư trú",
        new Date("2025-04-11T00:00:00Z"),
        new Date("2025-04-15T00:00:00Z"),
        w.officer.personId,
        w.head.personId,
      ],
    ]);
    expect(await auditActions(w.db, w.dossier.id)).toEqual(["dossier.pauseStarted", "dossier.pauseEnded"]);
  });

  it("refuses an empty or too long reason and a resolved dossier; forbids others", async () => {
    const w = await buildDossierWorld(database().prisma);
    const request = { actor: w.head, dossierId: w.dossier.id, timeZone: HANOI };
    expect(await startPause(w.app, { ...request, awaiting: "  " })).toEqual({
      kind: "refused",
      reason: "awaitingRequired",
    });
    expect(await startPause(w.app, { ...request, awaiting: "a".repeat(301) })).toEqual({
      kind: "refused",
      reason: "awaitingTooLong",
    });
    for (const actor of [w.otherHead, w.admin, w.viewer])
      expect(await startPause(w.app, { ...request, actor, awaiting: "lệ phí" })).toEqual({
        kind: "forbidden",
      });
    await markResolved(w.app, request);
    expect(await startPause(w.app, { ...request, awaiting: "lệ phí" })).toEqual({
      kind: "refused",
      reason: "alreadyResolved",
    });
    expect(await w.db.slaPause.count({ where: { dossierId: w.dossier.id } })).toBe(0);
  });
});
