// "Remind me next working day", pressed under a unit's reminder by one of its heads or officers:
// the unit's next reminder of the month comes on the next working day instead of the scheduled
// one. Once a week per unit (whoever presses it), audited.
import { inTransaction } from "../../db/transaction.js";
import { type PeriodMonth, periodKey } from "../../domain/period.js";
import { type Actor, can } from "../../domain/policy.js";
import { snooze } from "../../domain/reminders.js";
import { addDays, type IsoDate, localDateOf } from "../../domain/working-days.js";
import { appendAudit } from "../../repositories/audit.js";
import { RemindersRepository } from "../../repositories/reminders.js";
import type { AppContext } from "../context.js";
import { readReminderRules } from "./reminder-rules.js";

export type SnoozeOutcome =
  | { kind: "snoozed"; until: IsoDate }
  /** The unit already asked within the week: possible again from `allowedFrom`. */
  | { kind: "snoozedThisWeek"; allowedFrom: IsoDate }
  | { kind: "forbidden" }
  /** The month of the button was never imported (a forged or very old button). */
  | { kind: "unknownPeriod" };

export async function snoozeReminders(
  app: AppContext,
  input: { actor: Actor; unitId: number; period: PeriodMonth; timeZone: string },
): Promise<SnoozeOutcome> {
  if (!can(input.actor, "dossier.answer", { unitId: input.unitId })) return { kind: "forbidden" };
  const now = app.now();
  return inTransaction(app.db, async (tx) => {
    const reminders = new RemindersRepository(tx);
    const periodId = await reminders.periodId(input.period);
    if (periodId === null) return { kind: "unknownPeriod" };
    const { calendar, policy } = await readReminderRules(tx, input.timeZone);
    const lastSnoozedAt = await reminders.lastSnoozedAt(input.unitId);
    const decision = snooze(now, lastSnoozedAt, calendar, policy);
    if (!decision.ok) {
      const last = localDateOf(lastSnoozedAt as Date, input.timeZone);
      return { kind: "snoozedThisWeek", allowedFrom: addDays(last, 7) };
    }
    await reminders.recordSnooze({
      unitId: input.unitId,
      periodId,
      until: decision.until,
      at: now,
      byId: input.actor.personId,
    });
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "reminder.snoozed",
      entityType: "UnitReminder",
      entityId: `${input.unitId}:${periodKey(input.period)}`,
      unitId: input.unitId,
      after: { until: decision.until },
    });
    return { kind: "snoozed", until: decision.until };
  });
}
