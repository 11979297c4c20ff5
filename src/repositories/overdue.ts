// A unit's overdue dossiers as one period's current overdue list names them (DossierListing),
// with what the unit has recorded for each: a current cause, an apology record, a resolution.
import type { DbClient } from "../db/prisma.js";
import { complianceCounts, type UnitCompliance, unitCompliance } from "../domain/compliance.js";
import {
  clampPage,
  emptySummary,
  isUnresolved,
  OVERDUE_PAGE_SIZE,
  type OverdueDossier,
  type OverdueFilter,
  type OverduePage,
  type OverdueSnapshotRef,
  type OverdueSummary,
  type OverdueWorkbookRow,
  pageCount,
  pageOffset,
} from "../domain/overdue.js";
import type { PeriodMonth } from "../domain/period.js";
import { Prisma } from "../generated/prisma/client.js";
import { CURRENT_CAUSE, LIVE_RESOLUTION, OPEN_PAUSE } from "./dossier-answers.js";
import { findCurrentSnapshot } from "./snapshots.js";

/** Each filter as a condition on a listing's dossier; the summary's SQL counts the same four. */
const FILTERS: Record<OverdueFilter, Prisma.DossierListingWhereInput> = {
  all: {},
  missingCause: { dossier: { causeReports: { none: { supersededAt: null } } } },
  missingApology: { dossier: { apologyRecord: { is: null } } },
  unresolved: { dossier: { state: "OPEN", finishedAt: null } },
};

/** Longest overdue first; dossiers the list gives no figure for last; then by code. */
const LIST_ORDER = [
  { daysOverdue: { sort: "desc", nulls: "last" } },
  { dossier: { code: "asc" } },
] satisfies Prisma.DossierListingOrderByWithRelationInput[];

const dossierSelect = {
  id: true,
  unitId: true,
  code: true,
  procedureName: true,
  field: true,
  applicantName: true,
  receivedAt: true,
  dueAt: true,
  daysOverdue: true,
  state: true,
  portalStatus: true,
  finishedAt: true,
  handlerName: true,
  causeReports: { ...CURRENT_CAUSE, select: { category: true, detail: true } },
  apologyRecord: { select: { letterNumber: true, issuedOn: true, newAppointmentOn: true } },
  resolutions: { ...LIVE_RESOLUTION, select: { outcome: true, resolvedOn: true } },
  slaPauses: { ...OPEN_PAUSE, select: { startedOn: true, awaiting: true } },
} satisfies Prisma.DossierSelect;

type DossierRow = Prisma.DossierGetPayload<{ select: typeof dossierSelect }>;

interface UnitCounts {
  unitId: number;
  overdue: number;
  missingCause: number;
  missingApology: number;
  unresolved: number;
  answered: number;
  paused: number;
}

/** A listed dossier `d` without a current cause; without an apology record. */
const MISSING_CAUSE = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM "CauseReport" c WHERE c."dossierId" = d."id" AND c."supersededAt" IS NULL
)`;
const MISSING_APOLOGY = Prisma.sql`NOT EXISTS (SELECT 1 FROM "ApologyRecord" a WHERE a."dossierId" = d."id")`;

export class OverdueRepository {
  constructor(private readonly db: DbClient) {}

  /** The period's current overdue list; without a period, the latest period that has one. */
  async findSnapshot(period?: PeriodMonth): Promise<OverdueSnapshotRef | null> {
    const snapshot = await findCurrentSnapshot(this.db, "OVERDUE_DOSSIERS", period);
    return snapshot && { snapshotId: snapshot.id, period: snapshot.period, asOf: snapshot.asOf };
  }

  /** The unit's four counts and its longest-overdue dossier (all zero when it has none listed). */
  async summary(unitId: number, snapshot: OverdueSnapshotRef): Promise<OverdueSummary> {
    const summaries = await this.summaries(snapshot, [unitId]);
    return summaries.get(unitId) ?? emptySummary(unitId, snapshot);
  }

  /**
   * Every listed unit's summary (or these units'), in two statements whatever their number:
   * the four counts in one aggregate grouped by unit, the oldest of each with DISTINCT ON in
   * the list's own order. Units with nothing listed are left out (see `emptySummary`).
   */
  async summaries(
    snapshot: OverdueSnapshotRef,
    unitIds?: readonly number[],
  ): Promise<Map<number, OverdueSummary>> {
    if (unitIds?.length === 0) return new Map();
    const counts = await this.counts(snapshot, unitIds);
    const units = unitFilter(unitIds);
    const oldest = await this.db.$queryRaw<
      Array<{ unitId: number; code: string; dueAt: Date; daysOverdue: number | null }>
    >(Prisma.sql`
      SELECT DISTINCT ON (l."unitId") l."unitId" AS "unitId", d."code", d."dueAt", l."daysOverdue"
      FROM "DossierListing" l
      JOIN "Dossier" d ON d."id" = l."dossierId"
      WHERE l."snapshotId" = ${snapshot.snapshotId} ${units}
      ORDER BY l."unitId", l."daysOverdue" DESC NULLS LAST, d."code" ASC
    `);
    const oldestByUnit = new Map(oldest.map(({ unitId, ...dossier }) => [unitId, dossier]));
    return new Map(
      counts.map(({ unitId, overdue, missingCause, missingApology, unresolved }) => [
        unitId,
        {
          ...emptySummary(unitId, snapshot),
          overdue,
          missingCause,
          missingApology,
          unresolved,
          oldest: oldestByUnit.get(unitId) ?? null,
        },
      ]),
    );
  }

  /**
   * Every listed unit's compliance (or these units'), from the same aggregate as the summaries.
   * Units with nothing listed are left out: `unitCompliance(unitId, snapshot)` gives their zeros.
   */
  async compliance(
    snapshot: OverdueSnapshotRef,
    unitIds?: readonly number[],
  ): Promise<Map<number, UnitCompliance>> {
    if (unitIds?.length === 0) return new Map();
    const counts = await this.counts(snapshot, unitIds);
    return new Map(
      counts.map(({ unitId, answered, paused, ...summary }) => [
        unitId,
        unitCompliance(unitId, snapshot, complianceCounts(summary, { answered, paused })),
      ]),
    );
  }

  /**
   * The first `limit` codes, in the list's order, of each unit's dossiers still missing a cause
   * or an apology record: what a reminder names. One statement whatever the number of units.
   */
  async owingCodes(
    snapshot: OverdueSnapshotRef,
    unitIds: readonly number[],
    limit: number,
  ): Promise<Map<number, string[]>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.db.$queryRaw<Array<{ unitId: number; code: string }>>(Prisma.sql`
      SELECT "unitId", "code" FROM (
        SELECT l."unitId" AS "unitId", d."code",
               ROW_NUMBER() OVER (
                 PARTITION BY l."unitId" ORDER BY l."daysOverdue" DESC NULLS LAST, d."code" ASC
               ) AS "rank"
        FROM "DossierListing" l
        JOIN "Dossier" d ON d."id" = l."dossierId"
        WHERE l."snapshotId" = ${snapshot.snapshotId} AND l."unitId" IN (${Prisma.join(unitIds)})
          AND (${MISSING_CAUSE} OR ${MISSING_APOLOGY})
      ) ranked
      WHERE "rank" <= ${limit}
      ORDER BY "unitId", "rank"
    `);
    const codes = new Map<number, string[]>();
    for (const row of rows) codes.set(row.unitId, [...(codes.get(row.unitId) ?? []), row.code]);
    return codes;
  }

  /** The aggregate behind the summaries and the compliance figures: one row per listed unit. */
  private counts(snapshot: OverdueSnapshotRef, unitIds?: readonly number[]) {
    return this.db.$queryRaw<UnitCounts[]>(Prisma.sql`
      SELECT
        l."unitId" AS "unitId",
        COUNT(*)::int AS "overdue",
        COUNT(*) FILTER (WHERE ${MISSING_CAUSE})::int AS "missingCause",
        COUNT(*) FILTER (WHERE ${MISSING_APOLOGY})::int AS "missingApology",
        COUNT(*) FILTER (WHERE d."state" = 'OPEN' AND d."finishedAt" IS NULL)::int AS "unresolved",
        COUNT(*) FILTER (WHERE NOT ${MISSING_CAUSE} AND NOT ${MISSING_APOLOGY})::int AS "answered",
        COUNT(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM "SlaPause" p WHERE p."dossierId" = d."id" AND p."endedOn" IS NULL
        ))::int AS "paused"
      FROM "DossierListing" l
      JOIN "Dossier" d ON d."id" = l."dossierId"
      WHERE l."snapshotId" = ${snapshot.snapshotId} ${unitFilter(unitIds)}
      GROUP BY l."unitId"
    `);
  }

  /** One page of the unit's list under a filter, with how many the filter matches in all. */
  async page(
    unitId: number,
    snapshot: OverdueSnapshotRef,
    filter: OverdueFilter,
    requestedPage: number,
  ): Promise<OverduePage> {
    const where = { snapshotId: snapshot.snapshotId, unitId, ...FILTERS[filter] };
    const total = await this.db.dossierListing.count({ where });
    const page = clampPage(requestedPage, total);
    const rows = await this.db.dossierListing.findMany({
      where,
      orderBy: LIST_ORDER,
      skip: pageOffset(page),
      take: OVERDUE_PAGE_SIZE,
      select: {
        daysOverdue: true,
        dossier: {
          select: {
            id: true,
            code: true,
            procedureName: true,
            dueAt: true,
            state: true,
            finishedAt: true,
            apologyRecord: { select: { id: true } },
            causeReports: { where: { supersededAt: null }, take: 1, select: { id: true } },
          },
        },
      },
    });
    return {
      unitId,
      period: snapshot.period,
      asOf: snapshot.asOf,
      filter,
      page,
      pageCount: pageCount(total),
      total,
      items: rows.map(({ daysOverdue, dossier }) => ({
        dossierId: dossier.id,
        code: dossier.code,
        procedureName: dossier.procedureName,
        daysOverdue,
        dueAt: dossier.dueAt,
        hasCause: dossier.causeReports.length > 0,
        hasApology: dossier.apologyRecord !== null,
        resolved: !isUnresolved(dossier),
      })),
    };
  }

  /** One dossier for its card, with its unit (for the policy); null when there is none. */
  async dossier(id: number): Promise<OverdueDossier | null> {
    const row = await this.db.dossier.findUnique({ where: { id }, select: dossierSelect });
    return row && toOverdueDossier(row);
  }

  /** Every dossier of the unit's list, in the list's order, for its workbook. */
  async workbookRows(unitId: number, snapshot: OverdueSnapshotRef): Promise<OverdueWorkbookRow[]> {
    const rows = await this.db.dossierListing.findMany({
      where: { snapshotId: snapshot.snapshotId, unitId },
      orderBy: LIST_ORDER,
      select: { daysOverdue: true, dossier: { select: dossierSelect } },
    });
    return rows.map((row) => ({ ...toOverdueDossier(row.dossier), daysOverdue: row.daysOverdue }));
  }
}

function unitFilter(unitIds: readonly number[] | undefined): Prisma.Sql {
  return unitIds ? Prisma.sql`AND l."unitId" IN (${Prisma.join(unitIds)})` : Prisma.empty;
}

function toOverdueDossier({
  causeReports,
  apologyRecord,
  resolutions,
  slaPauses,
  ...dossier
}: DossierRow): OverdueDossier {
  return {
    ...dossier,
    cause: causeReports[0] ?? null,
    apology: apologyRecord,
    resolution: resolutions[0] ?? null,
    pause: slaPauses[0] ?? null,
  };
}
