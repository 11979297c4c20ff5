// A sample inspection: N dossiers drawn at random from the unit's latest overdue list, the seed
// stored so the draw can be checked again; findings per dossier; a conclusion; a review.
import { expect, it } from "vitest";
import { appContext } from "../../../src/app/context.js";
import {
  concludeInspection,
  recordFinding,
  recordReview,
  redraw,
  scheduleInspection,
} from "../../../src/app/escalations/inspections.js";
import type { PrismaClient } from "../../../src/generated/prisma/client.js";
import { newMember } from "../../support/actors.js";
import { createSnapshot, createUnit, listDossier } from "../../support/monthly-data.js";
import { describeDatabase } from "../../support/test-database.js";

let nextYear = 2050;

async function unitWithList(db: PrismaClient, dossiers: number) {
  const unit = await createUnit(db);
  const snapshot = await createSnapshot(db, { year: ++nextYear, month: 4, kind: "OVERDUE_DOSSIERS" });
  const listed = [];
  for (let n = 0; n < dossiers; n++)
    listed.push((await listDossier(db, snapshot, unit.id, { daysOverdue: n + 1 })).id);
  const rows = await db.dossier.findMany({ where: { id: { in: listed } }, select: { id: true, code: true } });
  return { unit, listed: rows };
}

describeDatabase("sample inspections", (database) => {
  it("draws N distinct dossiers with a stored seed that draws them again", async () => {
    const db = database().prisma;
    const { unit, listed } = await unitWithList(db, 12);
    const admin = await newMember(db, "CENTER_ADMIN", null);
    const outcome = await scheduleInspection(appContext(db), {
      actor: admin,
      unitId: unit.id,
      plannedOn: "2026-12-10",
      inspectors: "Đoàn kiểm tra số 3",
      sampleSize: 5,
    });
    if (outcome.kind !== "done") throw new Error(outcome.kind);
    const { sample, seed } = outcome.value;
    expect(new Set(sample.map((dossier) => dossier.dossierId)).size).toBe(5);
    const ordered = [...listed]
      .sort((a, b) => a.id - b.id)
      .map((dossier) => ({ id: dossier.id, code: dossier.code }));
    expect(redraw(ordered, 5, seed).map((dossier) => dossier.code)).toEqual(
      sample.map((dossier) => dossier.code),
    );
    const stored = await db.inspection.findUniqueOrThrow({
      where: { id: outcome.value.id },
      include: { sample: true },
    });
    expect(stored).toMatchObject({ sampleSeed: seed, sampleSize: 5, status: "PLANNED" });
    expect(stored.sample).toHaveLength(5);
  });

  it("records findings for sampled dossiers only, then the conclusion; a unit head may not", async () => {
    const db = database().prisma;
    const { unit, listed } = await unitWithList(db, 3);
    const admin = await newMember(db, "CENTER_ADMIN", null);
    const head = await newMember(db, "UNIT_HEAD", unit.id);
    const app = appContext(db);
    expect(
      await scheduleInspection(app, {
        actor: head,
        unitId: unit.id,
        plannedOn: "2026-12-10",
        inspectors: null,
        sampleSize: 2,
      }),
    ).toEqual({ kind: "forbidden" });
    const scheduled = await scheduleInspection(app, {
      actor: admin,
      unitId: unit.id,
      plannedOn: "2026-12-10",
      inspectors: null,
      sampleSize: 2,
      seed: "fixed",
    });
    if (scheduled.kind !== "done") throw new Error(scheduled.kind);
    const [first] = scheduled.value.sample;
    const outside = listed.find(
      (dossier) => !scheduled.value.sample.some((drawn) => drawn.dossierId === dossier.id),
    );
    const finding = {
      actor: admin,
      inspectionId: scheduled.value.id,
      causeConfirmed: false,
      responsible: "Chuyên viên A",
      note: null,
    };
    expect(await recordFinding(app, { ...finding, dossierCode: first?.code ?? "" })).toMatchObject({
      kind: "done",
    });
    expect(await recordFinding(app, { ...finding, dossierCode: outside?.code ?? "" })).toEqual({
      kind: "invalid",
      reason: "notInSample",
    });
    expect(
      await concludeInspection(app, {
        actor: admin,
        inspectionId: scheduled.value.id,
        conclusion: "Nguyên nhân chưa đúng thực tế",
      }),
    ).toMatchObject({ kind: "done" });
    expect(
      await concludeInspection(app, { actor: admin, inspectionId: scheduled.value.id, conclusion: "again" }),
    ).toEqual({ kind: "gone" });
  });

  it("attaches a responsibility review to the escalation", async () => {
    const db = database().prisma;
    const unit = await createUnit(db);
    const admin = await newMember(db, "CENTER_ADMIN", null);
    const escalation = await db.escalation.create({
      data: { unitId: unit.id, level: "L3_PEOPLES_COMMITTEE", reason: "MANUAL", evidence: {} },
    });
    const app = appContext(db);
    const review = {
      actor: admin,
      escalationId: escalation.id,
      decisionNumber: "12/QĐ-UBND",
      decidedOn: "2026-12-01",
      content: "Kiểm điểm, rút kinh nghiệm",
    };
    expect(await recordReview(app, { ...review, subject: "PERSON", personName: null })).toEqual({
      kind: "invalid",
      reason: "personName",
    });
    expect(await recordReview(app, { ...review, subject: "UNIT", personName: null })).toMatchObject({
      kind: "done",
    });
    expect(await db.responsibilityReview.count({ where: { escalationId: escalation.id } })).toBe(1);
  });
});
