// Reads what an import needs to know and writes an import plan, inside the transaction of the
// use-case that imports (src/app/imports): all of a batch's files or none of them.
import type { BulkParameter, BulkSql } from "../db/bulk.js";
import type { DbClient } from "../db/prisma.js";
import type {
  ExistingDossier,
  ImportPlan,
  ImportState,
  KnownUnit,
  PlannedDossier,
  UnitLink,
} from "../domain/import-plan.js";
import type { ImportWriteResult } from "../domain/import-report.js";
import type { ParsedFile, YearMonth } from "../domain/import-rows.js";
import { periodKey } from "../domain/period.js";
import type { ImportSource } from "../generated/prisma/client.js";
import { appendAudit } from "./audit.js";

export interface ImportProvenance {
  source: ImportSource;
  fileSha256: string;
  actorId: number | null;
  actorLabel: string | null;
}

const EXISTING_DOSSIER_COLUMNS = `id, code, "unitId", state::text,
  (extract(epoch FROM "dueAt") * 1000)::float8, (extract(epoch FROM "finishedAt") * 1000)::float8,
  "daysOverdue", "handlerName", "portalStatus"`;

/** Where a file's rows go: its import batch, its snapshot and the snapshot's period. */
export interface SnapshotTarget {
  batchId: number;
  snapshotId: number;
  periodId: number;
}

type SnapshotHeader = Pick<
  ImportPlan,
  "kind" | "fileName" | "period" | "asOf" | "becomesCurrent" | "supersedesSnapshotId"
>;

/** What a file's import did, for its batch's summary and its audit event. */
export interface SnapshotTotals extends SnapshotHeader {
  rowCount: number;
  unitCount: number;
  unitsCreated: number;
  created: number;
  updated: number;
  /** Retire the open dossiers this snapshot does not list. */
  noLongerListed: number;
}

/**
 * The import batches, period snapshots, scores and dossiers an import writes. Statements over
 * a dossier list's rows go through `bulk` (the same transaction's connection; see db/bulk.ts
 * for why not through Prisma); the rest through `db`.
 */
export class ImportsRepository {
  constructor(
    private readonly db: DbClient,
    private readonly bulk: BulkSql,
  ) {}

  async loadImportState(file: ParsedFile, period: YearMonth | null): Promise<ImportState> {
    const units: KnownUnit[] = await this.db.unit.findMany({
      select: { id: true, code: true, normalizedName: true },
    });
    const snapshotKind = file.kind;
    const currentSnapshot = period
      ? await this.db.periodSnapshot.findFirst({
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
    const existing = await this.existingDossiers(codes);
    const [open] = await this.bulk.query(
      `SELECT count(*)::int FROM "Dossier" WHERE state = 'OPEN' AND NOT (code = ANY($1::text[]))`,
      [codes],
    );
    const latest = await this.db.reportingPeriod.findFirst({
      where: { snapshots: { some: { kind: "OVERDUE_DOSSIERS", isCurrent: true } } },
      orderBy: [{ year: "desc" }, { month: "desc" }],
      select: { year: true, month: true },
    });
    return {
      units,
      existingDossiers: existing,
      currentSnapshot,
      latestDossierPeriod: latest,
      openDossiersNotInFile: Number(open?.[0] ?? 0),
    };
  }

  /** What a dossier list streamed in batches needs to know before its first row. */
  async loadDossierListState(period: YearMonth | null) {
    const units: KnownUnit[] = await this.db.unit.findMany({
      select: { id: true, code: true, normalizedName: true },
    });
    const currentSnapshot = period
      ? await this.db.periodSnapshot.findFirst({
          where: {
            kind: "OVERDUE_DOSSIERS",
            isCurrent: true,
            period: { year: period.year, month: period.month },
          },
          select: { id: true, asOf: true },
        })
      : null;
    const latestDossierPeriod = await this.db.reportingPeriod.findFirst({
      where: { snapshots: { some: { kind: "OVERDUE_DOSSIERS", isCurrent: true } } },
      orderBy: [{ year: "desc" }, { month: "desc" }],
      select: { year: true, month: true },
    });
    const [open] = await this.bulk.query(`SELECT count(*)::int FROM "Dossier" WHERE state = 'OPEN'`, []);
    return { units, currentSnapshot, latestDossierPeriod, openDossiers: Number(open?.[0] ?? 0) };
  }

  /** The dossiers already known among `codes`, by code. */
  async existingDossiers(codes: readonly string[]) {
    const existing = new Map<string, ExistingDossier>();
    for (const chunk of chunks(codes)) {
      const rows = await this.bulk.query(
        `SELECT ${EXISTING_DOSSIER_COLUMNS} FROM "Dossier" WHERE code = ANY($1::text[])`,
        [chunk],
      );
      for (const row of rows) {
        const dossier = toExistingDossier(row);
        existing.set(dossier.code, dossier);
      }
    }
    return existing;
  }

  /** The import batch and the snapshot a file's rows are written into (the older current one superseded). */
  async beginSnapshot(plan: SnapshotHeader, provenance: ImportProvenance): Promise<SnapshotTarget> {
    if (!plan.period || !plan.asOf)
      throw new Error("an import plan without period or as-of cannot be written");
    const period = await this.db.reportingPeriod.upsert({
      where: { year_month: plan.period },
      create: plan.period,
      update: {},
    });
    const batch = await this.db.importBatch.create({
      data: {
        kind: plan.kind,
        source: provenance.source,
        fileName: plan.fileName,
        fileSha256: provenance.fileSha256,
        importedById: provenance.actorId,
        rowCount: 0,
        summary: {},
      },
    });
    const snapshot = await this.db.periodSnapshot.create({
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
      await this.db.periodSnapshot.update({
        where: { id: plan.supersedesSnapshotId },
        data: { isCurrent: false, supersededAt: new Date(), supersededById: snapshot.id },
      });
    }
    return { batchId: batch.id, snapshotId: snapshot.id, periodId: period.id };
  }

  /** Writes a plan that `canCommit` accepted. Call inside a transaction: it is all or nothing. */
  async writeImportPlan(plan: ImportPlan, provenance: ImportProvenance) {
    const target = await this.beginSnapshot(plan, provenance);
    const unitIds = await createUnits(this.db, plan, provenance);
    const link = (unit: UnitLink) =>
      "unitId" in unit ? unit.unitId : (unitIds.get(unit.newUnitKey) as number);
    const written = { unitsCreated: unitIds.size, created: 0, updated: 0 };
    if (plan.kind === "UNIT_SCORES") {
      await writeScores(this.db, plan, target.snapshotId, link);
    } else {
      for (const chunk of chunks(plan.dossiers)) {
        const batch = await this.writeDossierBatch(chunk, target, plan.becomesCurrent);
        written.created += batch.created;
        written.updated += batch.updated;
      }
    }
    return this.finishSnapshot(target, { ...plan, ...written }, provenance);
  }

  /** After the last row: unlisted open dossiers retired (if so planned), the batch's summary, the audit event. */
  async finishSnapshot(
    target: SnapshotTarget,
    plan: SnapshotTotals,
    provenance: ImportProvenance,
  ): Promise<ImportWriteResult> {
    if (!plan.period || !plan.asOf)
      throw new Error("an import plan without period or as-of cannot be written");
    const noLongerListed =
      plan.kind === "OVERDUE_DOSSIERS" && plan.noLongerListed > 0
        ? await this.bulk.execute(
            `UPDATE "Dossier" SET state = 'NO_LONGER_LISTED', "updatedAt" = now()
          WHERE state = 'OPEN' AND NOT EXISTS (
            SELECT 1 FROM "DossierListing" l WHERE l."snapshotId" = $1 AND l."dossierId" = "Dossier".id)`,
            [target.snapshotId],
          )
        : 0;
    const result: ImportWriteResult = {
      batchId: target.batchId,
      snapshotId: target.snapshotId,
      unitsCreated: plan.unitsCreated,
      created: plan.created,
      updated: plan.updated,
      noLongerListed,
    };
    const batch = { id: target.batchId };
    const summary = {
      kind: plan.kind,
      period: periodKey(plan.period),
      asOf: plan.asOf.toISOString(),
      rows: plan.rowCount,
      units: plan.unitCount,
      unitsCreated: result.unitsCreated,
      created: result.created,
      updated: result.updated,
      noLongerListed: result.noLongerListed,
      current: plan.becomesCurrent,
    };
    await this.db.importBatch.update({ where: { id: batch.id }, data: { summary, rowCount: plan.rowCount } });
    await appendAudit(this.db, {
      actorId: provenance.actorId,
      actorLabel: provenance.actorLabel ?? undefined,
      action: "import.committed",
      entityType: "ImportBatch",
      entityId: batch.id,
      after: { ...summary, fileName: plan.fileName, fileSha256: provenance.fileSha256 },
    });
    return result;
  }

  /**
   * One batch of a dossier list's rows: new dossiers inserted with their listing in one
   * statement; known ones refreshed when the snapshot is current, and listed. Tens of thousands
   * of rows: statements over arrays (unnest) beat row-by-row inserts; batches keep the
   * parameters (and PGlite's memory) bounded.
   */
  async writeDossierBatch(
    dossiers: readonly PlannedDossier[],
    target: SnapshotTarget,
    becomesCurrent: boolean,
  ): Promise<{ created: number; updated: number }> {
    const fresh = dossiers.filter((dossier) => !dossier.existing);
    const known = dossiers.filter((dossier) => dossier.existing);
    if (fresh.length > 0) await insertDossiers(this.bulk, fresh, target);
    if (known.length > 0) {
      if (becomesCurrent) await refreshKnownDossiers(this.bulk, known, target.periodId);
      await insertKnownListings(this.bulk, known, target);
    }
    return { created: fresh.length, updated: known.filter((dossier) => dossier.changed).length };
  }
}

function toExistingDossier(row: unknown[]): ExistingDossier {
  const [id, code, unitId, state, dueAt, finishedAt, daysOverdue, handlerName, portalStatus] = row;
  return {
    id: Number(id),
    code: String(code),
    unitId: Number(unitId),
    state: state as ExistingDossier["state"],
    dueAt: new Date(Number(dueAt)),
    finishedAt: finishedAt === null ? null : new Date(Number(finishedAt)),
    daysOverdue: daysOverdue === null ? null : Number(daysOverdue),
    handlerName: handlerName as string | null,
    portalStatus: portalStatus as string | null,
  };
}

/**
 * The units a score sheet adds, and an audit event for each: two statements, not two per unit
 * (each Prisma query of its own costs time and keeps memory).
 */
async function createUnits(tx: DbClient, plan: ImportPlan, provenance: ImportProvenance) {
  const ids = new Map<string, number>();
  if (plan.unitsToCreate.length === 0) return ids;
  const created = await tx.unit.createManyAndReturn({
    data: plan.unitsToCreate.map((unit) => ({
      code: unit.code,
      nameVi: unit.nameVi,
      normalizedName: unit.normalizedName,
      kind: unit.kind,
    })),
    select: { id: true, normalizedName: true },
  });
  const idByName = new Map(created.map((unit) => [unit.normalizedName, unit.id]));
  for (const unit of plan.unitsToCreate) ids.set(unit.key, idByName.get(unit.normalizedName) as number);
  await tx.auditEvent.createMany({
    data: plan.unitsToCreate.map((unit) => {
      const id = idByName.get(unit.normalizedName) as number;
      return {
        actorId: provenance.actorId,
        actorLabel: provenance.actorLabel,
        action: "unit.created",
        entityType: "Unit",
        entityId: String(id),
        unitId: id,
        after: { code: unit.code, nameVi: unit.nameVi, kind: unit.kind, by: "import" },
      };
    }),
  });
  return ids;
}

async function writeScores(
  tx: DbClient,
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

const CHUNK_ROWS = 5000;

/** A dossier list never creates units: every planned dossier names a known one. */
function unitIdOf(unit: UnitLink): number {
  if ("unitId" in unit) return unit.unitId;
  throw new Error("a dossier planned for a unit not yet created");
}

/**
 * The dossiers as a table of arrays, `u(code, procedure_name, ..., portal_status)`, over
 * parameters $1 to $11 (the statement's own come after).
 */
const UNNEST_DOSSIERS = `unnest(
      $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::int[], $9::int[], $10::text[], $11::text[]
    ) AS u(code, procedure_name, field, applicant_name, received_at, due_at, finished_at, days_overdue, unit_id, handler_name, portal_status)`;

function dossierColumns(dossiers: readonly PlannedDossier[]): BulkParameter[] {
  const column = (pick: (dossier: PlannedDossier) => string | number | null) => dossiers.map(pick);
  return [
    column((d) => d.row.code),
    column((d) => d.row.procedureName),
    column((d) => d.row.field),
    column((d) => d.row.applicantName),
    column((d) => d.row.receivedAt.toISOString()),
    column((d) => d.row.dueAt.toISOString()),
    column((d) => d.row.finishedAt?.toISOString() ?? null),
    column((d) => d.daysOverdue),
    column((d) => unitIdOf(d.unit)),
    column((d) => d.row.handlerName),
    column((d) => d.row.portalStatus),
  ];
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK_ROWS) yield items.slice(start, start + CHUNK_ROWS);
}

/** New dossiers and their listing in the snapshot, in one statement (no second look-up by code). */
async function insertDossiers(bulk: BulkSql, dossiers: readonly PlannedDossier[], target: SnapshotTarget) {
  await bulk.execute(
    `WITH inserted AS (
      INSERT INTO "Dossier" (code, "procedureName", field, "applicantName", "receivedAt", "dueAt", "finishedAt",
        "daysOverdue", "unitId", "handlerName", "portalStatus", "firstPeriodId", "lastPeriodId", "updatedAt")
      SELECT u.code, u.procedure_name, u.field, u.applicant_name, u.received_at::timestamptz, u.due_at::timestamptz,
        u.finished_at::timestamptz, u.days_overdue, u.unit_id, u.handler_name, u.portal_status, $12::int, $12::int, now()
      FROM ${UNNEST_DOSSIERS}
      RETURNING id, "unitId", "daysOverdue"
    )
    INSERT INTO "DossierListing" ("dossierId", "snapshotId", "periodId", "unitId", "daysOverdue")
    SELECT id, $13::int, $12::int, "unitId", "daysOverdue" FROM inserted`,
    [...dossierColumns(dossiers), target.periodId, target.snapshotId],
  );
}

/** Known dossiers listed in the snapshot, by the ids already looked up. */
async function insertKnownListings(
  bulk: BulkSql,
  dossiers: readonly PlannedDossier[],
  target: SnapshotTarget,
) {
  await bulk.execute(
    `INSERT INTO "DossierListing" ("dossierId", "snapshotId", "periodId", "unitId", "daysOverdue")
    SELECT u.dossier_id, $4::int, $5::int, u.unit_id, u.days_overdue
    FROM unnest($1::int[], $2::int[], $3::int[]) AS u(dossier_id, unit_id, days_overdue)`,
    [
      dossiers.map((d) => d.existing?.id ?? null),
      dossiers.map((d) => unitIdOf(d.unit)),
      dossiers.map((d) => d.daysOverdue),
      target.snapshotId,
      target.periodId,
    ],
  );
}

/** Listed again in the current snapshot: the portal's figures win, every answer recorded for the dossier stays. */
async function refreshKnownDossiers(bulk: BulkSql, dossiers: readonly PlannedDossier[], periodId: number) {
  await bulk.execute(
    `UPDATE "Dossier" AS d SET
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
        WHEN (SELECT year * 12 + month FROM "ReportingPeriod" WHERE id = $12::int)
           > (SELECT year * 12 + month FROM "ReportingPeriod" WHERE id = d."lastPeriodId")
        THEN $12::int ELSE d."lastPeriodId" END,
      "updatedAt" = now()
    FROM ${UNNEST_DOSSIERS}
    WHERE d.code = u.code`,
    [...dossierColumns(dossiers), periodId],
  );
}
