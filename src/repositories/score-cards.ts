// The figures a score card is built from: one month's current unit-score snapshot (every row,
// for ranks and the city's figure) and the totals of the period before it.
import type { DbClient } from "../db/prisma.js";
import type { PeriodMonth } from "../domain/period.js";
import { SCORE_GROUPS, type ScoreGroupField, type ScoreMonth, type ScoreRow } from "../domain/score-card.js";
import type { Prisma } from "../generated/prisma/client.js";
import { findCurrentSnapshot, findPreviousSnapshot } from "./snapshots.js";

type Decimal = Prisma.Decimal;

export class ScoreCardsRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * The month's scores (the given period, else the latest that has a current snapshot), loaded
   * once whether one card or every unit's is built from them; null when there is none.
   */
  async loadMonth(period?: PeriodMonth): Promise<ScoreMonth | null> {
    const snapshot = await findCurrentSnapshot(this.db, "UNIT_SCORES", period);
    if (!snapshot) return null;
    const previous = await findPreviousSnapshot(this.db, "UNIT_SCORES", snapshot.period);
    const rows = await this.db.unitScore.findMany({
      where: { snapshotId: snapshot.id },
      orderBy: { unitId: "asc" },
      select: {
        unitId: true,
        total: true,
        rank: true,
        rankOutOf: true,
        publicity: true,
        progress: true,
        onlineService: true,
        onlinePayment: true,
        satisfaction: true,
        digitisation: true,
        unit: { select: { kind: true } },
      },
    });
    const previousRows = previous
      ? await this.db.unitScore.findMany({
          where: { snapshotId: previous.id },
          select: { unitId: true, total: true },
        })
      : [];
    return {
      period: snapshot.period,
      asOf: snapshot.asOf,
      rows: rows.map(
        ({ unit, total, unitId, rank, rankOutOf, ...groups }): ScoreRow => ({
          unitId,
          unitKind: unit.kind,
          total: decimalText(total),
          rank,
          rankOutOf,
          ...(Object.fromEntries(
            SCORE_GROUPS.map(({ field }) => [field, decimalOrNull(groups[field])]),
          ) as Record<ScoreGroupField, string | null>),
        }),
      ),
      previous: previous && {
        period: previous.period,
        rows: previousRows.map((row) => ({ unitId: row.unitId, total: decimalText(row.total) })),
      },
    };
  }
}

/** Fixed notation: Decimal's own toString switches to exponents for very small values. */
function decimalText(value: Decimal): string {
  return value.toFixed(2);
}

function decimalOrNull(value: Decimal | null): string | null {
  return value === null ? null : decimalText(value);
}
