// A small city whose weekly digest was computed by hand (see the figures in
// test/repositories/digest.test.ts): three units on the March list with answers recorded
// before and during the week, escalations in every state, inspections around the week, and the
// province's scores for two months. Written straight to the database, with the timestamps the
// "as of" arithmetic reads. Meant for a database of its own: the digest is citywide.
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { addScore, createSnapshot, createUnit, listDossier } from "./monthly-data.js";

/** Monday 14/04/2031, 08:00 in Hà Nội. */
export const DIGEST_AT = new Date("2031-04-14T01:00:00Z");
const DAY = 24 * 3600 * 1000;
export const daysBefore = (days: number) => new Date(DIGEST_AT.getTime() - days * DAY);

type Category =
  | "WAITING_FOR_APPLICANT"
  | "WAITING_FOR_OTHER_AGENCY"
  | "SYNC_ERROR"
  | "STAFF_SLOW_OR_UNFAMILIAR"
  | "WORKLOAD"
  | "COMPLEX_DOSSIER"
  | "OTHER";

export async function digestWorld(db: PrismaClient) {
  const cause = (dossierId: number, category: Category, reportedAt: Date, supersededAt?: Date) =>
    db.causeReport.create({
      data: { dossierId, category, reportedAt, supersededAt: supersededAt ?? null, detail: "Chi tiết" },
    });
  const apology = (dossierId: number, recordedAt: Date) =>
    db.apologyRecord.create({
      data: {
        dossierId,
        letterNumber: `${dossierId}/PXL`,
        issuedOn: new Date("2031-04-08T00:00:00Z"),
        signerName: "Trần Thị Bình",
        signerCapacity: "HEAD",
        form: "PAPER",
        newAppointmentOn: new Date("2031-04-20T00:00:00Z"),
        recordedAt,
      },
    });
  const resolution = (dossierId: number, recordedAt: Date, revokedAt?: Date) =>
    db.dossierResolution.create({
      data: {
        dossierId,
        outcome: "RESULT_ISSUED",
        resolvedOn: new Date("2031-04-10T00:00:00Z"),
        recordedAt,
        revokedAt: revokedAt ?? null,
      },
    });

  const province = await createUnit(db, { kind: "PROVINCE", name: "Thành phố Hà Nội Thử" });
  const center = await createUnit(db, { kind: "CENTER", name: "Trung tâm Phục vụ hành chính công Thử" });
  const wardA = await createUnit(db, { name: "Phường Hoàn Kiếm Thử" });
  const wardB = await createUnit(db, { name: "Phường Đống Đa Thử" });
  const department = await createUnit(db, { kind: "DEPARTMENT", name: "Sở Tư pháp Thử" });

  const february = await createSnapshot(db, { year: 2031, month: 2, kind: "UNIT_SCORES" });
  await addScore(db, february.id, province.id, "61.50", { rank: 58, rankOutOf: 63 });
  const march = await createSnapshot(db, {
    year: 2031,
    month: 3,
    kind: "UNIT_SCORES",
    asOf: new Date("2031-04-11T04:00:00Z"),
  });
  await addScore(db, march.id, province.id, "58.30", { rank: 60, rankOutOf: 63 });
  await addScore(db, march.id, wardA.id, "71.25");

  const stale = await createSnapshot(db, {
    year: 2031,
    month: 3,
    kind: "OVERDUE_DOSSIERS",
    isCurrent: false,
  });
  await listDossier(db, stale, wardA.id, { daysOverdue: 90 });
  const list = await createSnapshot(db, {
    year: 2031,
    month: 3,
    kind: "OVERDUE_DOSSIERS",
    asOf: new Date("2031-04-11T04:00:00Z"),
  });

  // Ward A: four dossiers.
  const a1 = await listDossier(db, list, wardA.id, { daysOverdue: 40 });
  await cause(a1.id, "WAITING_FOR_OTHER_AGENCY", daysBefore(10));
  await apology(a1.id, daysBefore(2));
  const a2 = await listDossier(db, list, wardA.id, { daysOverdue: 12 });
  await cause(a2.id, "WAITING_FOR_OTHER_AGENCY", daysBefore(2));
  await resolution(a2.id, daysBefore(3));
  const a3 = await listDossier(db, list, wardA.id, { daysOverdue: 5 });
  // Recorded after the digest's moment: not counted.
  await cause(a3.id, "WORKLOAD", new Date(DIGEST_AT.getTime() + 3600_000));
  const a4 = await listDossier(db, list, wardA.id, {
    daysOverdue: 3,
    finishedAt: daysBefore(20),
  });
  await cause(a4.id, "OTHER", daysBefore(10), daysBefore(1));
  await cause(a4.id, "SYNC_ERROR", daysBefore(1));

  // Ward B: two dossiers, nothing now (a resolution revoked yesterday counted last week).
  await listDossier(db, list, wardB.id, { daysOverdue: 60 });
  const b2 = await listDossier(db, list, wardB.id, { daysOverdue: 30 });
  await resolution(b2.id, daysBefore(9), daysBefore(1));

  // The department: one dossier, every answer this week.
  const c1 = await listDossier(db, list, department.id, { daysOverdue: 8 });
  await cause(c1.id, "WAITING_FOR_APPLICANT", daysBefore(1));
  await apology(c1.id, daysBefore(1));
  await resolution(c1.id, daysBefore(1));

  await db.escalation.createMany({
    data: [
      {
        unitId: wardB.id,
        level: "L3_PEOPLES_COMMITTEE",
        reason: "CONSECUTIVE_OVERDUE_MONTHS",
        evidence: {},
        openedAt: daysBefore(10),
      },
      {
        unitId: wardA.id,
        level: "L3_PEOPLES_COMMITTEE",
        reason: "MANUAL",
        evidence: {},
        openedAt: daysBefore(2),
      },
      {
        unitId: department.id,
        level: "L3_PEOPLES_COMMITTEE",
        reason: "CONSECUTIVE_OVERDUE_MONTHS",
        evidence: {},
        openedAt: daysBefore(8),
        acknowledgedAt: daysBefore(6),
      },
      {
        unitId: wardA.id,
        level: "L2_CENTER",
        reason: "REMINDERS_IGNORED",
        evidence: {},
        openedAt: daysBefore(1),
      },
      {
        unitId: wardA.id,
        level: "L1_REMINDER",
        reason: "MISSING_ANSWERS",
        evidence: {},
        openedAt: daysBefore(5),
        closedAt: daysBefore(1),
      },
      {
        unitId: wardB.id,
        level: "L2_CENTER",
        reason: "REMINDERS_IGNORED",
        evidence: {},
        openedAt: new Date(DIGEST_AT.getTime() + 3600_000),
      },
    ],
  });
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  await db.inspection.createMany({
    data: [
      { unitId: wardB.id, plannedOn: day("2031-04-17"), status: "PLANNED" },
      { unitId: wardA.id, plannedOn: day("2031-04-23"), status: "PLANNED" },
      { unitId: department.id, plannedOn: day("2031-04-16"), status: "DONE" },
      { unitId: wardA.id, plannedOn: day("2031-04-14"), status: "PLANNED" },
      { unitId: department.id, plannedOn: day("2031-04-13"), status: "PLANNED" },
    ],
  });
  return { province, center, wardA, wardB, department, list };
}
