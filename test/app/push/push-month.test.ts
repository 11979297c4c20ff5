// The monthly push as a use-case: who gets what, the preview's figures, one transaction of
// outbox rows and the run, nothing queued twice, and an update that says what changed.
import { expect, it } from "vitest";
import { previewPush, startPush } from "../../../src/app/push/push-month.js";
import type { Actor } from "../../../src/domain/policy.js";
import { createSnapshot, listDossier } from "../../support/monthly-data.js";
import { pushDeps as deps, pushWorld } from "../../support/push-world.js";
import { describeDatabase } from "../../support/test-database.js";

describeDatabase("the monthly push", (database) => {
  it("previews the units, people, groups and messages, and the units nobody can receive", async () => {
    const db = database().prisma;
    const world = await pushWorld(db);
    const outcome = await previewPush(deps(db), {
      by: { actor: world.actor },
      period: { year: world.year, month: 3 },
    });
    expect(outcome.kind).toBe("preview");
    if (outcome.kind !== "preview") return;
    expect(outcome.preview).toMatchObject({
      units: 2,
      people: 2,
      groups: 1,
      messages: 3,
      alreadyQueued: 0,
      isUpdate: false,
    });
    expect(outcome.preview.unreachableUnits.map((unit) => unit.unitId)).toEqual([world.lonely.id]);
  });

  it("is refused to anyone but a Center admin", async () => {
    const db = database().prisma;
    const world = await pushWorld(db);
    const headActor: Actor = {
      personId: world.head.id,
      memberships: [{ id: 1, role: "UNIT_HEAD", unitId: world.ward.id }],
    };
    expect(await startPush(deps(db), { by: { actor: headActor } })).toEqual({ kind: "forbidden" });
    expect(await db.outboxMessage.count({ where: { personId: world.head.id } })).toBe(0);
  });

  it("queues each recipient's message once, with the run, and never twice for the same snapshots", async () => {
    const db = database().prisma;
    const world = await pushWorld(db);
    const request = { by: { actor: world.actor }, period: { year: world.year, month: 3 } };
    const first = await startPush(deps(db), request);
    expect(first).toMatchObject({ kind: "started", queued: 3, duplicates: 0 });
    const rows = await db.outboxMessage.findMany({
      where: { batch: first.kind === "started" ? first.preview.batch : "" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => row.kind).sort()).toEqual(["push.group", "push.head", "push.officer"]);
    const headText = (rows.find((row) => row.kind === "push.head")?.payload as { text: string }).text;
    expect(headText).toContain("58,3");
    expect(headText).toContain("<b>2</b>");
    const officerText = (rows.find((row) => row.kind === "push.officer")?.payload as { text: string }).text;
    expect(officerText).toContain("are in");
    expect(
      await db.pushRun.count({ where: { batch: first.kind === "started" ? first.preview.batch : "" } }),
    ).toBe(1);

    const again = await startPush(deps(db), request);
    expect(again).toMatchObject({ kind: "started", queued: 0, duplicates: 3 });
    expect(again.kind === "started" && again.preview.alreadyQueued).toBe(3);
  });

  it("a newer snapshot of the month is pushed as an update that says what changed", async () => {
    const db = database().prisma;
    const world = await pushWorld(db);
    const request = { by: { actor: world.actor }, period: { year: world.year, month: 3 } };
    await startPush(deps(db), request);
    await db.periodSnapshot.update({ where: { id: world.overdue.id }, data: { isCurrent: false } });
    const newer = await createSnapshot(db, {
      year: world.year,
      month: 3,
      kind: "OVERDUE_DOSSIERS",
      asOf: new Date(Date.UTC(world.year, 3, 20)),
    });
    await listDossier(db, newer, world.ward.id, { daysOverdue: 20 });
    const update = await startPush(deps(db), request);
    expect(update).toMatchObject({ kind: "started", queued: 3 });
    if (update.kind !== "started") return;
    expect(update.preview.isUpdate).toBe(true);
    const head = await db.outboxMessage.findFirstOrThrow({
      where: { batch: update.preview.batch, kind: "push.head" },
    });
    expect((head.payload as { text: string }).text).toContain("Hồ sơ quá hạn: 2 → <b>1</b>");
  });

  it("says there is nothing to push for a month without figures", async () => {
    const db = database().prisma;
    const world = await pushWorld(db);
    expect(
      await previewPush(deps(db), { by: { actor: world.actor }, period: { year: 1999, month: 1 } }),
    ).toEqual({
      kind: "noData",
    });
  });
});
