// Where each unit stands with the reminders of a pushed month: when its month's overdue list
// was first pushed to it (the push runs), when it was last reminded, and "remind me next
// working day" (UnitReminder).
import type { DbClient } from "../db/prisma.js";
import type { PeriodMonth } from "../domain/period.js";
import type { IsoDate } from "../domain/working-days.js";

export interface PushedPeriod {
  periodId: number;
  period: PeriodMonth;
}

export interface UnitReminderRow {
  unitId: number;
  lastRemindedAt: Date | null;
  remindersSent: number;
  snoozedUntil: IsoDate | null;
  lastSnoozedAt: Date | null;
}

const toDateColumn = (date: IsoDate) => new Date(`${date}T00:00:00Z`);
const fromDateColumn = (date: Date): IsoDate => date.toISOString().slice(0, 10);

export class RemindersRepository {
  constructor(private readonly db: DbClient) {}

  /**
   * The latest period whose overdue list was pushed: a newer month's push carries the dossiers
   * still overdue (the portal's lists are cumulative), so only its answers are asked for. Runs
   * are counted as of `now` (the clock the caller judges by).
   */
  async latestPushedPeriod(now: Date): Promise<PushedPeriod | null> {
    const [row] = await this.db.$queryRaw<Array<{ periodId: number; year: number; month: number }>>`
      SELECT p."id" AS "periodId", p."year", p."month"
      FROM "ReportingPeriod" p
      WHERE EXISTS (SELECT 1 FROM "PushRun" r WHERE r."periodId" = p."id" AND r."startedAt" <= ${now}
                      AND (r."summary"->>'overdueSnapshotId') IS NOT NULL)
      ORDER BY p."year" DESC, p."month" DESC
      LIMIT 1`;
    return row ? { periodId: row.periodId, period: { year: row.year, month: row.month } } : null;
  }

  /**
   * When each unit was first pushed the period's overdue figures: the earliest run whose
   * reported figures (kept with the run) give the unit an overdue count.
   */
  async pushedAt(periodId: number, now: Date): Promise<Map<number, Date>> {
    const rows = await this.db.$queryRaw<Array<{ unitId: number; pushedAt: Date }>>`
      SELECT (f.key)::int AS "unitId", MIN(r."startedAt") AS "pushedAt"
      FROM "PushRun" r
      CROSS JOIN LATERAL jsonb_each(r."summary"->'figures') AS f(key, value)
      WHERE r."periodId" = ${periodId} AND r."startedAt" <= ${now} AND jsonb_typeof(f.value->'overdue') = 'number'
      GROUP BY f.key`;
    return new Map(rows.map((row) => [row.unitId, row.pushedAt]));
  }

  /** The units' reminder state for the period (units never reminded are absent). */
  async states(periodId: number, unitIds: readonly number[]): Promise<Map<number, UnitReminderRow>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.db.unitReminder.findMany({
      where: { periodId, unitId: { in: [...unitIds] } },
      select: {
        unitId: true,
        lastRemindedAt: true,
        remindersSent: true,
        snoozedUntil: true,
        lastSnoozedAt: true,
      },
    });
    return new Map(
      rows.map((row) => [
        row.unitId,
        { ...row, snoozedUntil: row.snoozedUntil ? fromDateColumn(row.snoozedUntil) : null },
      ]),
    );
  }

  /** A reminder went out: counted, dated, and any "next working day" it answered cleared. */
  async recordReminded(unitIds: readonly number[], periodId: number, at: Date): Promise<void> {
    if (unitIds.length === 0) return;
    await this.db.$executeRaw`
      INSERT INTO "UnitReminder" ("unitId", "periodId", "firstRemindedAt", "lastRemindedAt", "remindersSent", "updatedAt")
      SELECT u, ${periodId}, ${at}, ${at}, 1, ${at} FROM unnest(${[...unitIds]}::int[]) AS u
      ON CONFLICT ("unitId", "periodId") DO UPDATE SET
        "firstRemindedAt" = COALESCE("UnitReminder"."firstRemindedAt", EXCLUDED."firstRemindedAt"),
        "lastRemindedAt" = EXCLUDED."lastRemindedAt",
        "remindersSent" = "UnitReminder"."remindersSent" + 1,
        "snoozedUntil" = NULL,
        "updatedAt" = EXCLUDED."updatedAt"`;
  }

  /** The unit's last "remind me next working day", whatever the month (once a week per unit). */
  async lastSnoozedAt(unitId: number): Promise<Date | null> {
    const row = await this.db.unitReminder.aggregate({ where: { unitId }, _max: { lastSnoozedAt: true } });
    return row._max.lastSnoozedAt;
  }

  async recordSnooze(snooze: {
    unitId: number;
    periodId: number;
    until: IsoDate;
    at: Date;
    byId: number;
  }): Promise<void> {
    const data = {
      snoozedUntil: toDateColumn(snooze.until),
      lastSnoozedAt: snooze.at,
      lastSnoozedById: snooze.byId,
    };
    await this.db.unitReminder.upsert({
      where: { unitId_periodId: { unitId: snooze.unitId, periodId: snooze.periodId } },
      create: { unitId: snooze.unitId, periodId: snooze.periodId, ...data },
      update: data,
    });
  }

  async periodId(period: PeriodMonth): Promise<number | null> {
    const row = await this.db.reportingPeriod.findUnique({
      where: { year_month: { year: period.year, month: period.month } },
      select: { id: true },
    });
    return row?.id ?? null;
  }
}
