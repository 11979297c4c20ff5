// Escalations of units to the Center and the People's Committee: the history the policy reads
// (counted by SQL over the imported periods), the open escalation of each unit, and the
// escalation's own record (level, evidence, acknowledgement, closing).
import type { DbClient } from "../db/prisma.js";
import type { EscalationLevel, EscalationReason, UnitPeriodFigures } from "../domain/escalation-policy.js";
import type { OpenEscalation } from "../domain/escalation-sweep.js";
import { type PeriodMonth, periodKey } from "../domain/period.js";
import { Prisma } from "../generated/prisma/client.js";

/** What the policy needs of every unit that can be escalated, in one read. */
export interface UnitHistoryRows {
  periods: Map<number, UnitPeriodFigures[]>;
  repeated: Map<number, Array<{ code: string; periods: string[] }>>;
  latestOverduePeriod: PeriodMonth | null;
}

export interface EscalationView {
  id: number;
  unit: { id: number; code: string | null; nameVi: string; nameEn: string | null };
  level: EscalationLevel;
  reason: string;
  reasons: EscalationReason[];
  openedAt: Date;
  raisedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgeBy: Date | null;
  deescalationProposedAt: Date | null;
  closedAt: Date | null;
  manual: boolean;
}

/** Units that answer for their own dossiers (not the city's own row, the Center or the PC). */
const ESCALATABLE = Prisma.sql`u."active" AND u."kind" NOT IN ('PROVINCE', 'CENTER', 'PEOPLES_COMMITTEE')`;

const escalationSelect = {
  id: true,
  level: true,
  reason: true,
  evidence: true,
  openedAt: true,
  openedById: true,
  raisedAt: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  acknowledgeBy: true,
  deescalationProposedAt: true,
  closedAt: true,
  unit: { select: { id: true, code: true, nameVi: true, nameEn: true } },
} satisfies Prisma.EscalationSelect;

type EscalationRow = Prisma.EscalationGetPayload<{ select: typeof escalationSelect }>;

export class EscalationsRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * Every escalatable unit's figures in every imported period (overdue null where the period has
   * no overdue list; total null where it has no score for the unit), and the dossiers listed
   * again after a month off the list.
   */
  async unitHistories(): Promise<UnitHistoryRows> {
    const rows = await this.db.$queryRaw<
      Array<{ unitId: number; year: number; month: number; overdue: number | null; total: string | null }>
    >(Prisma.sql`
      WITH current AS (
        SELECT s."id", s."periodId", s."kind" FROM "PeriodSnapshot" s WHERE s."isCurrent"
      ), periods AS (
        SELECT p."id", p."year", p."month",
          bool_or(c."kind" = 'OVERDUE_DOSSIERS') AS "hasList"
        FROM "ReportingPeriod" p JOIN current c ON c."periodId" = p."id"
        GROUP BY p."id"
      ), overdue AS (
        SELECT l."unitId", l."periodId", COUNT(*)::int AS "n"
        FROM "DossierListing" l JOIN current c ON c."id" = l."snapshotId" AND c."kind" = 'OVERDUE_DOSSIERS'
        GROUP BY l."unitId", l."periodId"
      ), scores AS (
        SELECT us."unitId", c."periodId", us."total"
        FROM "UnitScore" us JOIN current c ON c."id" = us."snapshotId" AND c."kind" = 'UNIT_SCORES'
      )
      SELECT u."id" AS "unitId", p."year", p."month",
        CASE WHEN p."hasList" THEN COALESCE(o."n", 0) END AS "overdue",
        sc."total"::text AS "total"
      FROM "Unit" u CROSS JOIN periods p
      LEFT JOIN overdue o ON o."unitId" = u."id" AND o."periodId" = p."id"
      LEFT JOIN scores sc ON sc."unitId" = u."id" AND sc."periodId" = p."id"
      WHERE ${ESCALATABLE}
      ORDER BY u."id", p."year", p."month"
    `);
    const repeatedRows = await this.db.$queryRaw<
      Array<{ unitId: number; code: string; months: number[] }>
    >(Prisma.sql`
      WITH listed AS (
        SELECT DISTINCT l."dossierId", l."unitId", p."year" * 12 + p."month" - 1 AS "monthIndex"
        FROM "DossierListing" l
        JOIN "PeriodSnapshot" s ON s."id" = l."snapshotId" AND s."isCurrent"
        JOIN "ReportingPeriod" p ON p."id" = l."periodId"
      )
      SELECT listed."unitId", d."code", array_agg(listed."monthIndex" ORDER BY listed."monthIndex") AS "months"
      FROM listed JOIN "Dossier" d ON d."id" = listed."dossierId"
      JOIN "Unit" u ON u."id" = listed."unitId"
      WHERE ${ESCALATABLE}
      GROUP BY listed."unitId", d."code"
      HAVING MAX(listed."monthIndex") - MIN(listed."monthIndex") + 1 > COUNT(*)
    `);
    const periods = new Map<number, UnitPeriodFigures[]>();
    for (const row of rows) {
      const list = periods.get(row.unitId) ?? [];
      list.push({
        period: { year: row.year, month: row.month },
        overdue: row.overdue,
        total: row.total === null ? null : Number(row.total),
      });
      periods.set(row.unitId, list);
    }
    const repeated = new Map<number, Array<{ code: string; periods: string[] }>>();
    for (const row of repeatedRows) {
      const list = repeated.get(row.unitId) ?? [];
      list.push({
        code: row.code,
        periods: row.months.map((index) =>
          periodKey({ year: Math.floor(index / 12), month: (index % 12) + 1 }),
        ),
      });
      repeated.set(row.unitId, list);
    }
    const latest = await this.db.periodSnapshot.findFirst({
      where: { kind: "OVERDUE_DOSSIERS", isCurrent: true },
      orderBy: [{ period: { year: "desc" } }, { period: { month: "desc" } }],
      select: { period: { select: { year: true, month: true } } },
    });
    return { periods, repeated, latestOverduePeriod: latest?.period ?? null };
  }

  /** Each unit's open escalation (at most one: the sweep raises it rather than opening another). */
  async openByUnit(): Promise<Map<number, OpenEscalation & { acknowledged: boolean }>> {
    const rows = await this.db.escalation.findMany({
      where: { closedAt: null },
      select: {
        id: true,
        unitId: true,
        level: true,
        deescalationProposedAt: true,
        reason: true,
        acknowledgedAt: true,
      },
    });
    return new Map(
      rows.map((row) => [
        row.unitId,
        {
          id: row.id,
          level: row.level,
          deescalationProposed: row.deescalationProposedAt !== null,
          manual: row.reason === "MANUAL",
          acknowledged: row.acknowledgedAt !== null,
        },
      ]),
    );
  }

  async open(input: {
    unitId: number;
    level: EscalationLevel;
    reasons: readonly EscalationReason[];
    at: Date;
    openedById: number | null;
    acknowledgeBy: Date | null;
  }): Promise<number> {
    const row = await this.db.escalation.create({
      data: {
        unitId: input.unitId,
        level: input.level,
        reason: input.reasons[0]?.code ?? "MANUAL",
        evidence: { reasons: input.reasons } as unknown as Prisma.InputJsonObject,
        openedAt: input.at,
        openedById: input.openedById,
        raisedAt: input.at,
        acknowledgeBy: input.acknowledgeBy,
      },
      select: { id: true },
    });
    return row.id;
  }

  async raise(
    id: number,
    level: EscalationLevel,
    reasons: readonly EscalationReason[],
    at: Date,
    acknowledgeBy: Date | null,
  ): Promise<void> {
    await this.db.escalation.update({
      where: { id },
      data: {
        level,
        reason: reasons[0]?.code ?? "MANUAL",
        evidence: { reasons } as unknown as Prisma.InputJsonObject,
        raisedAt: at,
        acknowledgedAt: null,
        acknowledgedById: null,
        acknowledgeBy,
        deescalationProposedAt: null,
      },
    });
  }

  async proposeClose(id: number, at: Date): Promise<void> {
    await this.db.escalation.update({ where: { id }, data: { deescalationProposedAt: at } });
  }

  async withdrawProposal(id: number): Promise<void> {
    await this.db.escalation.update({ where: { id }, data: { deescalationProposedAt: null } });
  }

  /** Closes it unless it is closed already; true when this call did. */
  async close(id: number, at: Date, closedById: number | null, reason: string): Promise<boolean> {
    const { count } = await this.db.escalation.updateMany({
      where: { id, closedAt: null },
      data: { closedAt: at, closedById, closedReason: reason },
    });
    return count === 1;
  }

  /** Records the acknowledgement once; true when this call did. */
  async acknowledge(id: number, personId: number, at: Date): Promise<boolean> {
    const { count } = await this.db.escalation.updateMany({
      where: { id, closedAt: null, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedById: personId },
    });
    return count === 1;
  }

  async markNotified(id: number, at: Date): Promise<void> {
    await this.db.escalation.update({
      where: { id },
      data: { lastNotifiedAt: at, notifyCount: { increment: 1 } },
    });
  }

  async find(id: number): Promise<EscalationView | null> {
    const row = await this.db.escalation.findUnique({ where: { id }, select: escalationSelect });
    return row ? await this.view(row) : null;
  }

  async findOpenOfUnit(unitId: number): Promise<EscalationView | null> {
    const row = await this.db.escalation.findFirst({
      where: { unitId, closedAt: null },
      select: escalationSelect,
    });
    return row ? await this.view(row) : null;
  }

  /** The open escalations, highest level first, then oldest. */
  async listOpen(unitIds?: readonly number[]): Promise<EscalationView[]> {
    const rows = await this.db.escalation.findMany({
      where: { closedAt: null, ...(unitIds ? { unitId: { in: [...unitIds] } } : {}) },
      orderBy: [{ level: "desc" }, { openedAt: "asc" }],
      select: escalationSelect,
    });
    return Promise.all(rows.map((row) => this.view(row)));
  }

  /** The latest escalation of a unit, open or closed, for its timeline. */
  async latestOfUnit(unitId: number): Promise<EscalationView | null> {
    const row = await this.db.escalation.findFirst({
      where: { unitId },
      orderBy: { openedAt: "desc" },
      select: escalationSelect,
    });
    return row ? await this.view(row) : null;
  }

  /** What happened to the escalation, oldest first, with who did it (null: the system). */
  async timeline(
    id: number,
  ): Promise<Array<{ at: Date; action: string; who: string | null; detail: string | null }>> {
    const events = await this.db.auditEvent.findMany({
      where: { entityType: "Escalation", entityId: String(id) },
      orderBy: { at: "asc" },
      select: {
        at: true,
        action: true,
        actorLabel: true,
        actor: { select: { firstName: true, lastName: true, username: true } },
      },
    });
    return events.map((event) => ({
      at: event.at,
      action: event.action,
      who: event.actor
        ? [event.actor.firstName, event.actor.lastName].filter(Boolean).join(" ") || event.actor.username
        : null,
      detail: null,
    }));
  }

  private async view(row: EscalationRow): Promise<EscalationView> {
    const acknowledger =
      row.acknowledgedById === null
        ? null
        : await this.db.person.findUnique({
            where: { id: row.acknowledgedById },
            select: { firstName: true, lastName: true, username: true },
          });
    const evidence = row.evidence as { reasons?: EscalationReason[] } | null;
    return {
      id: row.id,
      unit: row.unit,
      level: row.level,
      reason: row.reason,
      reasons: evidence?.reasons ?? [],
      openedAt: row.openedAt,
      raisedAt: row.raisedAt,
      acknowledgedAt: row.acknowledgedAt,
      acknowledgedBy: acknowledger
        ? [acknowledger.firstName, acknowledger.lastName].filter(Boolean).join(" ") || acknowledger.username
        : null,
      acknowledgeBy: row.acknowledgeBy,
      deescalationProposedAt: row.deescalationProposedAt,
      closedAt: row.closedAt,
      manual: row.reason === "MANUAL",
    };
  }
}
