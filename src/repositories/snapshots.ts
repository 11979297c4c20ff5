// Which snapshot of a month a reader looks at: the period's current one (a newer import of the
// same month supersedes the older, which stays as history).
import type { DbClient } from "../db/prisma.js";
import type { PeriodMonth } from "../domain/period.js";
import type { SnapshotKind } from "../generated/prisma/client.js";

export interface CurrentSnapshot {
  id: number;
  period: PeriodMonth;
  asOf: Date;
}

const newestFirst = [{ period: { year: "desc" } }, { period: { month: "desc" } }, { asOf: "desc" }] as const;

/** The period's current snapshot of this kind; without a period, the latest period that has one. */
export async function findCurrentSnapshot(
  db: DbClient,
  kind: SnapshotKind,
  period?: PeriodMonth,
): Promise<CurrentSnapshot | null> {
  const row = await db.periodSnapshot.findFirst({
    where: {
      kind,
      isCurrent: true,
      ...(period ? { period: { year: period.year, month: period.month } } : {}),
    },
    orderBy: [...newestFirst],
    select: { id: true, asOf: true, period: { select: { year: true, month: true } } },
  });
  return row && { id: row.id, period: row.period, asOf: row.asOf };
}

/** The current snapshot of this kind of the latest period before `period`. */
export async function findPreviousSnapshot(
  db: DbClient,
  kind: SnapshotKind,
  period: PeriodMonth,
): Promise<CurrentSnapshot | null> {
  const row = await db.periodSnapshot.findFirst({
    where: {
      kind,
      isCurrent: true,
      period: {
        OR: [{ year: { lt: period.year } }, { year: period.year, month: { lt: period.month } }],
      },
    },
    orderBy: [...newestFirst],
    select: { id: true, asOf: true, period: { select: { year: true, month: true } } },
  });
  return row && { id: row.id, period: row.period, asOf: row.asOf };
}
