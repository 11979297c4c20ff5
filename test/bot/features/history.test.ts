import { describe, expect, it } from "vitest";
import { useAccessWorld } from "../../support/access-fixture.js";
import { listDossier } from "../../support/monthly-data.js";
import { callbackUpdate, textUpdate } from "../../support/telegram.js";
import { databaseLabel } from "../../support/test-database.js";

describe(`/history on ${databaseLabel()}`, () => {
  const world = useAccessWorld();

  it("shows a dossier the portal finished late as finished, with its portal status and the answers given since", async () => {
    const db = world.database.prisma;
    const snapshot = await db.periodSnapshot.findFirstOrThrow({ where: { kind: "OVERDUE_DOSSIERS" } });
    // The sample's dossier: finished 11/02/2025, nine working days late.
    const code = "000.01.40.H26-250117-0002";
    const dossier = await listDossier(db, snapshot, world.f.unitA.id, {
      code,
      daysOverdue: 9,
      finishedAt: new Date("2025-02-11T03:00:00Z"),
    });
    await db.dossier.update({ where: { id: dossier.id }, data: { portalStatus: "Đã trả kết quả" } });
    const head = world.f.users.headA;
    await world.harness.send(callbackUpdate(head, `dxc:${dossier.id}:2:2025-03:all:0`));
    await world.harness.send(textUpdate(head, "Cổng quốc gia chưa đồng bộ"));

    world.harness.api.reset();
    await world.harness.send(textUpdate(head, `/history ${code}`));
    const text = world.harness.api.lastText();
    expect(text).toContain("State: finished on the portal on 11 Feb 2025, late (counted as resolved");
    expect(text).toContain("Portal status: Đã trả kết quả");
    expect(text).toContain("headA: cause given");
    expect(text).not.toContain("not yet resolved");
  });
});
