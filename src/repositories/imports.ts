// Reads what an import needs to know and writes an import plan, inside the transaction of the
// use-case that imports (src/app/imports): all of a batch's files or none of them.
import type { BulkSql } from "../db/bulk.js";
import { type CopyIn, copyTextRow } from "../db/copy.js";
import type { DbClient } from "../db/prisma.js";
import type { ExistingDossier, ImportPlan, ImportState, KnownUnit, UnitLink } from "../domain/import-plan.js";
import type { ImportWriteResult } from "../domain/import-report.js";
import type { DossierRow, ParsedFile, YearMonth } from "../domain/import-rows.js";
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
    // A dossier list's rows go through the staging table (openDossierStage), never a plan's array.
    if (plan.dossiers.length > 0) throw new Error("a dossier list is written through openDossierStage");
    if (plan.kind === "UNIT_SCORES") await writeScores(this.db, plan, target.snapshotId, link);
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
   * A temporary table for a dossier list's rows, filled by COPY as the file is read, then
   * planned and written with a few statements over the whole list (see DossierStage).
   * Dropped at the end of the transaction; a second list of the batch empties it first.
   */
  async openDossierStage(): Promise<DossierStage> {
    await this.bulk.execute(
      `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
        code text NOT NULL, procedure_name text NOT NULL, field text, applicant_name text,
        received_at timestamptz(3) NOT NULL, due_at timestamptz(3) NOT NULL, finished_at timestamptz(3),
        days_overdue int, unit_id int, handler_name text, portal_status text
      ) ON COMMIT DROP`,
      [],
    );
    await this.bulk.execute(`TRUNCATE ${STAGE}`, []);
    return new DossierStage(this.bulk, await this.bulk.copyIn(STAGE, STAGE_COLUMNS));
  }
}

/** The staging table of a dossier list being imported (one per transaction). */
const STAGE = "dondoc_import_dossier";
const STAGE_COLUMNS = [
  "code",
  "procedure_name",
  "field",
  "applicant_name",
  "received_at",
  "due_at",
  "finished_at",
  "days_overdue",
  "unit_id",
  "handler_name",
  "portal_status",
] as const;

/** A row of a dossier list, tied to its unit (null: unknown, an error) and with its days overdue. */
export interface StagedDossier {
  row: DossierRow;
  unitId: number | null;
  daysOverdue: number | null;
}

/** What a staged list does to the dossiers, counted by the database. */
export interface StagedDossierCounts {
  new: number;
  changed: number;
  unchanged: number;
  /** Open dossiers the list names (the others become "no longer listed" when it retires them). */
  openListed: number;
}

/** A listed dossier that differs from the one known (the portal's figures are new). */
const CHANGED = `(d."unitId" IS DISTINCT FROM s.unit_id OR d.state = 'NO_LONGER_LISTED'
  OR d."dueAt" IS DISTINCT FROM s.due_at OR d."finishedAt" IS DISTINCT FROM s.finished_at
  OR d."daysOverdue" IS DISTINCT FROM s.days_overdue OR d."handlerName" IS DISTINCT FROM s.handler_name
  OR d."portalStatus" IS DISTINCT FROM s.portal_status)`;

/**
 * A dossier list on its way in: rows COPYed into the staging table as they are read (the
 * preview and the import alike), then counted and written in set-based statements. Until
 * `close()` the transaction's connection is busy with the COPY: nothing else goes on it.
 */
export class DossierStage {
  private closed = false;

  constructor(
    private readonly bulk: BulkSql,
    private readonly copy: CopyIn,
  ) {}

  async add(dossiers: readonly StagedDossier[]): Promise<void> {
    let lines = "";
    for (const { row, unitId, daysOverdue } of dossiers) {
      lines += copyTextRow([
        row.code,
        row.procedureName,
        row.field,
        row.applicantName,
        row.receivedAt.toISOString(),
        row.dueAt.toISOString(),
        row.finishedAt?.toISOString() ?? null,
        daysOverdue,
        unitId,
        row.handlerName,
        row.portalStatus,
      ]);
    }
    await this.copy.write(lines);
  }

  /** Ends the COPY, and gives the planner the table's statistics. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.copy.end();
    await this.bulk.execute(`ANALYZE ${STAGE}`, []);
  }

  /** New, changed and unchanged among the rows tied to a unit; open dossiers listed among all. */
  async counts(): Promise<StagedDossierCounts> {
    await this.close();
    const [row] = await this.bulk.query(
      `SELECT
        count(*) FILTER (WHERE d.id IS NULL AND s.unit_id IS NOT NULL)::int,
        count(*) FILTER (WHERE d.id IS NOT NULL AND s.unit_id IS NOT NULL AND ${CHANGED})::int,
        count(*) FILTER (WHERE d.id IS NOT NULL AND s.unit_id IS NOT NULL AND NOT ${CHANGED})::int,
        count(*) FILTER (WHERE d.state = 'OPEN')::int
      FROM ${STAGE} s LEFT JOIN "Dossier" d ON d.code = s.code`,
      [],
    );
    const [fresh, changed, unchanged, openListed] = (row ?? []).map(Number);
    return { new: fresh ?? 0, changed: changed ?? 0, unchanged: unchanged ?? 0, openListed: openListed ?? 0 };
  }

  /**
   * Writes the staged list into its snapshot: known dossiers listed (and, in the current
   * snapshot, refreshed where the portal's figures changed or the month is later), then the
   * new ones inserted with their listing. Every row must be tied to a unit (`counts` first
   * and no errors). The portal's figures win; every answer recorded for a dossier stays.
   */
  async write(target: SnapshotTarget, becomesCurrent: boolean): Promise<{ created: number }> {
    await this.close();
    await this.bulk.execute(
      `INSERT INTO "DossierListing" ("dossierId", "snapshotId", "periodId", "unitId", "daysOverdue")
      SELECT d.id, $1::int, $2::int, s.unit_id, s.days_overdue
      FROM ${STAGE} s JOIN "Dossier" d ON d.code = s.code`,
      [target.snapshotId, target.periodId],
    );
    if (becomesCurrent) await this.refreshKnown(target.periodId);
    const created = await this.bulk.execute(
      `WITH inserted AS (
        INSERT INTO "Dossier" (code, "procedureName", field, "applicantName", "receivedAt", "dueAt", "finishedAt",
          "daysOverdue", "unitId", "handlerName", "portalStatus", "firstPeriodId", "lastPeriodId", "updatedAt")
        SELECT s.code, s.procedure_name, s.field, s.applicant_name, s.received_at, s.due_at, s.finished_at,
          s.days_overdue, s.unit_id, s.handler_name, s.portal_status, $1::int, $1::int, now()
        FROM ${STAGE} s
        WHERE NOT EXISTS (SELECT 1 FROM "Dossier" d WHERE d.code = s.code)
        RETURNING id, "unitId", "daysOverdue"
      )
      INSERT INTO "DossierListing" ("dossierId", "snapshotId", "periodId", "unitId", "daysOverdue")
      SELECT id, $2::int, $1::int, "unitId", "daysOverdue" FROM inserted`,
      [target.periodId, target.snapshotId],
    );
    return { created };
  }

  /** The known dossiers whose figures changed get the portal's; a later month moves `lastPeriodId` on. */
  private async refreshKnown(periodId: number): Promise<void> {
    await this.bulk.execute(
      `WITH period AS (SELECT id, year * 12 + month AS ordinal FROM "ReportingPeriod" WHERE id = $1::int),
      listed AS (
        SELECT d.id, s.*, ${CHANGED} AS changed, period.ordinal > (lp.year * 12 + lp.month) AS later
        FROM ${STAGE} s
        JOIN "Dossier" d ON d.code = s.code
        JOIN "ReportingPeriod" lp ON lp.id = d."lastPeriodId"
        CROSS JOIN period
      )
      UPDATE "Dossier" AS d SET
        "procedureName" = s.procedure_name,
        field = s.field,
        "applicantName" = s.applicant_name,
        "receivedAt" = s.received_at,
        "dueAt" = s.due_at,
        "finishedAt" = s.finished_at,
        "daysOverdue" = s.days_overdue,
        "unitId" = s.unit_id,
        "handlerName" = s.handler_name,
        "portalStatus" = s.portal_status,
        state = CASE WHEN d.state = 'NO_LONGER_LISTED' THEN 'OPEN'::"DossierState" ELSE d.state END,
        "lastPeriodId" = CASE WHEN s.later THEN $1::int ELSE d."lastPeriodId" END,
        "updatedAt" = now()
      FROM listed s
      WHERE d.id = s.id AND (s.changed OR s.later)`,
      [periodId],
    );
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

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK_ROWS) yield items.slice(start, start + CHUNK_ROWS);
}
