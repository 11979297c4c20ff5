// Reads what an import needs to know and writes an import plan, inside one transaction.
import type { Db, DbTransaction } from "../db/prisma.js";
import { type ImportSource, Prisma } from "../generated/prisma/client.js";
import type { ExistingDossier, ImportPlan, ImportState, KnownUnit, UnitLink } from "../import/plan.js";
import type { ParsedFile, YearMonth } from "../import/types.js";
import { appendAudit } from "./audit.js";

type Tx = DbTransaction | Db;

export interface ImportWriteResult {
  batchId: number;
  snapshotId: number;
  unitsCreated: number;
  created: number;
  updated: number;
  noLongerListed: number;
}

export interface ImportProvenance {
  source: ImportSource;
  fileSha256: string;
  actorId: number | null;
  actorLabel: string | null;
}

export async function loadImportState(
  tx: Tx,
  file: ParsedFile,
  period: YearMonth | null,
): Promise<ImportState> {
  const units: KnownUnit[] = await tx.unit.findMany({
    select: { id: true, code: true, normalizedName: true },
  });
  const snapshotKind = file.kind;
  const currentSnapshot = period
    ? await tx.periodSnapshot.findFirst({
        where: { kind: snapshotKind, isCurrent: true, period: { year: period.year, month: period.month } },
        select: { id: true, asOf: true },
      })
    : null;
  if (file.kind === "UNIT_SCORES") {
    return {
      units,
      existingDossiers: new Map(),
      currentSnapshot,
      latestDossierPeriod: null,
      openDossiersNotInFile: 0,
    };
  }
  const codes = file.rows.map((row) => row.code);
  const existing = await tx.$queryRaw<ExistingDossier[]>`
    SELECT id, code, "unitId", state::text AS state, "dueAt", "finishedAt", "daysOverdue", "handlerName", "portalStatus"
    FROM "Dossier" WHERE code = ANY(${codes}::text[])`;
  const [open] = await tx.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS count FROM "Dossier" WHERE state = 'OPEN' AND NOT (code = ANY(${codes}::text[]))`;
  const latest = await tx.reportingPeriod.findFirst({
    where: { snapshots: { some: { kind: "OVERDUE_DOSSIERS", isCurrent: true } } },
    orderBy: [{ year: "desc" }, { month: "desc" }],
    select: { year: true, month: true },
  });
  return {
    units,
    existingDossiers: new Map(existing.map((dossier) => [dossier.code, dossier])),
    currentSnapshot,
    latestDossierPeriod: latest,
    openDossiersNotInFile: open?.count ?? 0,
  };
}

/** Writes a plan that `canCommit` accepted. Call inside a transaction: it is all or nothing. */
export async function writeImportPlan(tx: DbTransaction, plan: ImportPlan, provenance: ImportProvenance) {
  if (!plan.period || !plan.asOf) throw new Error("an import plan without period or as-of cannot be written");
  const period = await tx.reportingPeriod.upsert({
    where: { year_month: plan.period },
    create: plan.period,
    update: {},
  });
  const batch = await tx.importBatch.create({
    data: {
      kind: plan.kind,
      source: provenance.source,
      fileName: plan.fileName,
      fileSha256: provenance.fileSha256,
      importedById: provenance.actorId,
      rowCount: plan.rowCount,
      summary: {},
    },
  });
  const snapshot = await tx.periodSnapshot.create({
    data: {
      periodId: period.id,
      kind: plan.kind,
      asOf: plan.asOf,
      source: provenance.source,
      importBatchId: batch.id,
      isCurrent: plan.becomesCurrent,
    },
  });
  if (plan.supersedesSnapshotId) {
    await tx.periodSnapshot.update({
      where: { id: plan.supersedesSnapshotId },
      data: { isCurrent: false, supersededAt: new Date(), supersededById: snapshot.id },
    });
  }
  const unitIds = await createUnits(tx, plan, provenance);
  const link = (unit: UnitLink) =>
    "unitId" in unit ? unit.unitId : (unitIds.get(unit.newUnitKey) as number);

  const result: ImportWriteResult = {
    batchId: batch.id,
    snapshotId: snapshot.id,
    unitsCreated: unitIds.size,
    created: 0,
    updated: 0,
    noLongerListed: 0,
  };
  if (plan.kind === "UNIT_SCORES") {
    await writeScores(tx, plan, snapshot.id, link);
  } else {
    Object.assign(
      result,
      await writeDossiers(tx, plan, { snapshotId: snapshot.id, periodId: period.id }, link),
    );
  }

  const summary = {
    kind: plan.kind,
    period: `${plan.period.year}-${String(plan.period.month).padStart(2, "0")}`,
    asOf: plan.asOf.toISOString(),
    rows: plan.rowCount,
    units: plan.unitCount,
    unitsCreated: result.unitsCreated,
    created: result.created,
    updated: result.updated,
    noLongerListed: result.noLongerListed,
    current: plan.becomesCurrent,
  };
  await tx.importBatch.update({ where: { id: batch.id }, data: { summary } });
  await appendAudit(tx, {
    actorId: provenance.actorId,
    actorLabel: provenance.actorLabel ?? undefined,
    action: "import.committed",
    entityType: "ImportBatch",
    entityId: batch.id,
    after: { ...summary, fileName: plan.fileName, fileSha256: provenance.fileSha256 },
  });
  return result;
}

async function createUnits(tx: DbTransaction, plan: ImportPlan, provenance: ImportProvenance) {
  const ids = new Map<string, number>();
  for (const unit of plan.unitsToCreate) {
    const created = await tx.unit.create({
      data: { code: unit.code, nameVi: unit.nameVi, normalizedName: unit.normalizedName, kind: unit.kind },
    });
    ids.set(unit.key, created.id);
    await appendAudit(tx, {
      actorId: provenance.actorId,
      actorLabel: provenance.actorLabel ?? undefined,
      action: "unit.created",
      entityType: "Unit",
      entityId: created.id,
      unitId: created.id,
      after: { code: unit.code, nameVi: unit.nameVi, kind: unit.kind, by: "import" },
    });
  }
  return ids;
}

async function writeScores(
  tx: DbTransaction,
  plan: ImportPlan,
  snapshotId: number,
  link: (unit: UnitLink) => number,
) {
  await tx.unitScore.createMany({
    data: plan.scores.map(({ row, unit }) => ({
      snapshotId,
      unitId: link(unit),
      publicity: row.publicity,
      progress: row.progress,
      onlineService: row.onlineService,
      onlinePayment: row.onlinePayment,
      satisfaction: row.satisfaction,
      digitisation: row.digitisation,
      total: row.total,
      rank: row.rank,
      rankOutOf: row.rankOutOf,
    })),
  });
}

async function writeDossiers(
  tx: DbTransaction,
  plan: ImportPlan,
  target: { snapshotId: number; periodId: number },
  link: (unit: UnitLink) => number,
) {
  const fresh = plan.dossiers.filter((dossier) => !dossier.existing);
  const known = plan.dossiers.filter((dossier) => dossier.existing);
  // Tens of thousands of rows: statements over arrays (unnest) beat row-by-row inserts; chunks
  // keep the parameters (and PGlite's memory) bounded.
  for (const chunk of chunks(fresh)) await insertDossiers(tx, chunk, target.periodId, link);
  if (plan.becomesCurrent)
    for (const chunk of chunks(known)) await refreshKnownDossiers(tx, chunk, target.periodId, link);
  for (const chunk of chunks(plan.dossiers)) await insertListings(tx, chunk, target, link);
  const noLongerListed =
    plan.noLongerListed > 0
      ? await tx.$executeRaw`
          UPDATE "Dossier" SET state = 'NO_LONGER_LISTED', "updatedAt" = now()
          WHERE state = 'OPEN' AND NOT EXISTS (
            SELECT 1 FROM "DossierListing" l WHERE l."snapshotId" = ${target.snapshotId} AND l."dossierId" = "Dossier".id)`
      : 0;
  return {
    created: fresh.length,
    updated: known.filter((dossier) => dossier.changed).length,
    noLongerListed,
  };
}

const CHUNK_ROWS = 5000;

/** The dossiers as a table of arrays: `u(code, procedure_name, ..., portal_status)`. */
function unnestDossiers(dossiers: ImportPlan["dossiers"], link: (unit: UnitLink) => number): Prisma.Sql {
  const column = <T>(pick: (dossier: ImportPlan["dossiers"][number]) => T) => dossiers.map(pick);
  return Prisma.sql`unnest(
      ${column((d) => d.row.code)}::text[],
      ${column((d) => d.row.procedureName)}::text[],
      ${column((d) => d.row.field)}::text[],
      ${column((d) => d.row.applicantName)}::text[],
      ${column((d) => d.row.receivedAt.toISOString())}::text[],
      ${column((d) => d.row.dueAt.toISOString())}::text[],
      ${column((d) => d.row.finishedAt?.toISOString() ?? null)}::text[],
      ${column((d) => d.daysOverdue)}::int[],
      ${column((d) => link(d.unit))}::int[],
      ${column((d) => d.row.handlerName)}::text[],
      ${column((d) => d.row.portalStatus)}::text[]
    ) AS u(code, procedure_name, field, applicant_name, received_at, due_at, finished_at, days_overdue, unit_id, handler_name, portal_status)`;
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK_ROWS) yield items.slice(start, start + CHUNK_ROWS);
}

async function insertListings(
  tx: DbTransaction,
  dossiers: ImportPlan["dossiers"],
  target: { snapshotId: number; periodId: number },
  link: (unit: UnitLink) => number,
) {
  const column = <T>(pick: (dossier: ImportPlan["dossiers"][number]) => T) => dossiers.map(pick);
  await tx.$executeRaw`
    INSERT INTO "DossierListing" ("dossierId", "snapshotId", "periodId", "unitId", "daysOverdue")
    SELECT d.id, ${target.snapshotId}, ${target.periodId}, u.unit_id, u.days_overdue
    FROM unnest(
      ${column((d) => d.row.code)}::text[],
      ${column((d) => link(d.unit))}::int[],
      ${column((d) => d.daysOverdue)}::int[]
    ) AS u(code, unit_id, days_overdue)
    JOIN "Dossier" d ON d.code = u.code`;
}

async function insertDossiers(
  tx: DbTransaction,
  dossiers: ImportPlan["dossiers"],
  periodId: number,
  link: (unit: UnitLink) => number,
) {
  await tx.$executeRaw`
    INSERT INTO "Dossier" (code, "procedureName", field, "applicantName", "receivedAt", "dueAt", "finishedAt",
      "daysOverdue", "unitId", "handlerName", "portalStatus", "firstPeriodId", "lastPeriodId", "updatedAt")
    SELECT u.code, u.procedure_name, u.field, u.applicant_name, u.received_at::timestamptz, u.due_at::timestamptz,
      u.finished_at::timestamptz, u.days_overdue, u.unit_id, u.handler_name, u.portal_status, ${periodId}, ${periodId}, now()
    FROM ${unnestDossiers(dossiers, link)}`;
}

/** Listed again in the current snapshot: the portal's figures win, every answer recorded for the dossier stays. */
async function refreshKnownDossiers(
  tx: DbTransaction,
  dossiers: ImportPlan["dossiers"],
  periodId: number,
  link: (unit: UnitLink) => number,
) {
  await tx.$executeRaw`
    UPDATE "Dossier" AS d SET
      "procedureName" = u.procedure_name,
      field = u.field,
      "applicantName" = u.applicant_name,
      "receivedAt" = u.received_at::timestamptz,
      "dueAt" = u.due_at::timestamptz,
      "finishedAt" = u.finished_at::timestamptz,
      "daysOverdue" = u.days_overdue,
      "unitId" = u.unit_id,
      "handlerName" = u.handler_name,
      "portalStatus" = u.portal_status,
      state = CASE WHEN d.state = 'NO_LONGER_LISTED' THEN 'OPEN'::"DossierState" ELSE d.state END,
      "lastPeriodId" = CASE
        WHEN (SELECT year * 12 + month FROM "ReportingPeriod" WHERE id = ${periodId})
           > (SELECT year * 12 + month FROM "ReportingPeriod" WHERE id = d."lastPeriodId")
        THEN ${periodId} ELSE d."lastPeriodId" END,
      "updatedAt" = now()
    FROM ${unnestDossiers(dossiers, link)}
    WHERE d.code = u.code`;
}
