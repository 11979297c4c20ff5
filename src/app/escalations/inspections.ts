// Sample inspections (kiểm tra xác suất) and responsibility reviews (kiểm điểm): the Center
// schedules an inspection of a unit, N dossiers are drawn at random from its latest overdue
// list with a stored seed (so anyone can draw them again), findings are recorded per dossier,
// then a conclusion; a review's outcome for a person or the unit is attached to the escalation.
import { randomBytes } from "node:crypto";
import type { DbClient } from "../../db/prisma.js";
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { drawSample } from "../../domain/random.js";
import { appendAudit } from "../../repositories/audit.js";
import type { AppContext } from "../context.js";

export interface ScheduledInspection {
  id: number;
  unitId: number;
  plannedOn: string;
  seed: string;
  sample: Array<{ dossierId: number; code: string }>;
}

export type InspectionOutcome<T> =
  | { kind: "done"; value: T }
  | { kind: "forbidden" }
  | { kind: "gone" }
  | { kind: "invalid"; reason: string };

/** The unit's dossiers on its latest current overdue list, in a fixed order (so a seed redraws the same). */
async function latestListedDossiers(
  tx: DbClient,
  unitId: number,
): Promise<Array<{ id: number; code: string }>> {
  const snapshot = await tx.periodSnapshot.findFirst({
    where: { kind: "OVERDUE_DOSSIERS", isCurrent: true, listings: { some: { unitId } } },
    orderBy: [{ period: { year: "desc" } }, { period: { month: "desc" } }],
    select: { id: true },
  });
  if (!snapshot) return [];
  const listings = await tx.dossierListing.findMany({
    where: { snapshotId: snapshot.id, unitId },
    orderBy: { dossierId: "asc" },
    select: { dossier: { select: { id: true, code: true } } },
  });
  return listings.map((listing) => listing.dossier);
}

/** The draw an inspection's seed gives over the same list: for checking a draw again. */
export function redraw(listed: ReadonlyArray<{ id: number; code: string }>, size: number, seed: string) {
  return drawSample(listed, size, seed);
}

export async function scheduleInspection(
  app: AppContext,
  input: {
    actor: Actor;
    unitId: number;
    plannedOn: string;
    inspectors: string | null;
    sampleSize: number;
    seed?: string;
  },
): Promise<InspectionOutcome<ScheduledInspection>> {
  if (!can(input.actor, "escalation.manage", { unitId: input.unitId })) return { kind: "forbidden" };
  if (!Number.isInteger(input.sampleSize) || input.sampleSize < 1 || input.sampleSize > 50)
    return { kind: "invalid", reason: "sampleSize" };
  return inTransaction(app.db, async (tx) => {
    const unit = await tx.unit.findFirst({ where: { id: input.unitId, active: true }, select: { id: true } });
    if (!unit) return { kind: "gone" };
    const seed = input.seed ?? randomBytes(8).toString("hex");
    const sample = redraw(await latestListedDossiers(tx, unit.id), input.sampleSize, seed);
    const escalation = await tx.escalation.findFirst({
      where: { unitId: unit.id, closedAt: null },
      select: { id: true },
    });
    const inspection = await tx.inspection.create({
      data: {
        unitId: unit.id,
        plannedOn: new Date(`${input.plannedOn}T00:00:00Z`),
        escalationId: escalation?.id ?? null,
        inspectors: input.inspectors,
        sampleSeed: seed,
        sampleSize: input.sampleSize,
        createdById: input.actor.personId,
        sample: { create: sample.map((dossier) => ({ dossierId: dossier.id })) },
      },
      select: { id: true },
    });
    const after = {
      plannedOn: input.plannedOn,
      seed,
      sample: sample.map((dossier) => dossier.code),
      inspectionId: inspection.id,
    };
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "inspection.scheduled",
      entityType: escalation ? "Escalation" : "Inspection",
      entityId: escalation?.id ?? inspection.id,
      unitId: unit.id,
      after,
    });
    return {
      kind: "done",
      value: {
        id: inspection.id,
        unitId: unit.id,
        plannedOn: input.plannedOn,
        seed,
        sample: sample.map((dossier) => ({ dossierId: dossier.id, code: dossier.code })),
      },
    };
  });
}

export async function recordFinding(
  app: AppContext,
  input: {
    actor: Actor;
    inspectionId: number;
    dossierCode: string;
    causeConfirmed: boolean;
    responsible: string | null;
    note: string | null;
  },
): Promise<InspectionOutcome<{ inspectionId: number }>> {
  return inTransaction(app.db, async (tx) => {
    const inspection = await tx.inspection.findUnique({
      where: { id: input.inspectionId },
      select: { id: true, unitId: true, status: true },
    });
    if (!inspection || inspection.status !== "PLANNED") return { kind: "gone" };
    if (!can(input.actor, "escalation.manage", { unitId: inspection.unitId })) return { kind: "forbidden" };
    const dossier = await tx.dossier.findUnique({ where: { code: input.dossierCode }, select: { id: true } });
    const updated = dossier
      ? await tx.inspectionFinding.updateMany({
          where: { inspectionId: inspection.id, dossierId: dossier.id },
          data: {
            causeConfirmed: input.causeConfirmed,
            responsible: input.responsible,
            note: input.note,
            recordedAt: app.now(),
          },
        })
      : { count: 0 };
    if (updated.count === 0) return { kind: "invalid", reason: "notInSample" };
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "inspection.finding",
      entityType: "Inspection",
      entityId: inspection.id,
      unitId: inspection.unitId,
      dossierId: dossier?.id ?? null,
      after: { causeConfirmed: input.causeConfirmed, responsible: input.responsible, note: input.note },
    });
    return { kind: "done", value: { inspectionId: inspection.id } };
  });
}

export async function concludeInspection(
  app: AppContext,
  input: { actor: Actor; inspectionId: number; conclusion: string },
): Promise<InspectionOutcome<{ inspectionId: number }>> {
  if (!input.conclusion.trim()) return { kind: "invalid", reason: "conclusion" };
  return inTransaction(app.db, async (tx) => {
    const inspection = await tx.inspection.findUnique({
      where: { id: input.inspectionId },
      select: { id: true, unitId: true, status: true, escalationId: true },
    });
    if (!inspection || inspection.status !== "PLANNED") return { kind: "gone" };
    if (!can(input.actor, "escalation.manage", { unitId: inspection.unitId })) return { kind: "forbidden" };
    await tx.inspection.update({
      where: { id: inspection.id },
      data: { status: "DONE", conclusion: input.conclusion.trim() },
    });
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "inspection.concluded",
      entityType: inspection.escalationId ? "Escalation" : "Inspection",
      entityId: inspection.escalationId ?? inspection.id,
      unitId: inspection.unitId,
      after: { inspectionId: inspection.id, conclusion: input.conclusion.trim() },
    });
    return { kind: "done", value: { inspectionId: inspection.id } };
  });
}

export async function recordReview(
  app: AppContext,
  input: {
    actor: Actor;
    escalationId: number;
    subject: "UNIT" | "PERSON";
    personName: string | null;
    decisionNumber: string;
    decidedOn: string;
    content: string;
  },
): Promise<InspectionOutcome<{ reviewId: number }>> {
  if (input.subject === "PERSON" && !input.personName?.trim())
    return { kind: "invalid", reason: "personName" };
  if (!input.decisionNumber.trim() || !input.content.trim()) return { kind: "invalid", reason: "decision" };
  return inTransaction(app.db, async (tx) => {
    const escalation = await tx.escalation.findUnique({
      where: { id: input.escalationId },
      select: { id: true, unitId: true },
    });
    if (!escalation) return { kind: "gone" };
    if (!can(input.actor, "escalation.manage", { unitId: escalation.unitId })) return { kind: "forbidden" };
    const review = await tx.responsibilityReview.create({
      data: {
        escalationId: escalation.id,
        subject: input.subject,
        personName: input.personName,
        decisionNumber: input.decisionNumber.trim(),
        decidedOn: new Date(`${input.decidedOn}T00:00:00Z`),
        content: input.content.trim(),
        recordedById: input.actor.personId,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "escalation.reviewRecorded",
      entityType: "Escalation",
      entityId: escalation.id,
      unitId: escalation.unitId,
      after: { reviewId: review.id, subject: input.subject, decisionNumber: input.decisionNumber },
    });
    return { kind: "done", value: { reviewId: review.id } };
  });
}
