// When a unit is reminded of the answers it still owes (DOMAIN.md, L1): one batched reminder
// per unit every N working days after the push, only in office hours on working days, with
// "remind me next working day" at most once a week. Pure: the caller gives the clock.

import { wallClockAt } from "./time-zone.js";
import { addDays, compareIsoDates, type IsoDate, localDateOf, type WorkingCalendar } from "./working-days.js";

export interface ReminderPolicy {
  /** Working days between the push (or the last reminder) and the next reminder. */
  everyWorkingDays: number;
  /** Office hours, local time: reminders go out from `fromHour`:00 to before `untilHour`:00. */
  fromHour: number;
  untilHour: number;
  timeZone: string;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  everyWorkingDays: 2,
  fromHour: 8,
  untilHour: 17,
  timeZone: "Asia/Ho_Chi_Minh",
};

export interface UnitReminderState {
  /** When the unit's month was pushed. */
  pushedAt: Date;
  /** The last reminder sent for it, if any. */
  lastRemindedAt: Date | null;
  /** Dossiers still missing a cause or an apology record. */
  owing: number;
  /** "Remind me next working day": the date asked for, if one is pending. */
  snoozedUntil: IsoDate | null;
}

export type ReminderDecision =
  | { due: true }
  | { due: false; reason: "answered" | "notYet" | "outsideOfficeHours" | "snoozed" };

export function isWithinOfficeHours(now: Date, calendar: WorkingCalendar, policy: ReminderPolicy): boolean {
  if (!calendar.isWorkingDay(localDateOf(now, policy.timeZone))) return false;
  const hour = wallClockAt(now, policy.timeZone).getUTCHours();
  return hour >= policy.fromHour && hour < policy.untilHour;
}

/** The first local date a reminder may go out: N working days after the push or the last reminder. */
export function nextReminderDate(
  state: UnitReminderState,
  calendar: WorkingCalendar,
  policy: ReminderPolicy,
): IsoDate {
  const since = localDateOf(state.lastRemindedAt ?? state.pushedAt, policy.timeZone);
  return calendar.addWorkingDays(since, policy.everyWorkingDays);
}

export function reminderDue(
  state: UnitReminderState,
  now: Date,
  calendar: WorkingCalendar,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): ReminderDecision {
  if (state.owing === 0) return { due: false, reason: "answered" };
  if (!isWithinOfficeHours(now, calendar, policy)) return { due: false, reason: "outsideOfficeHours" };
  const today = localDateOf(now, policy.timeZone);
  if (state.snoozedUntil && compareIsoDates(today, state.snoozedUntil) < 0)
    return { due: false, reason: "snoozed" };
  const snoozeReached = state.snoozedUntil !== null && compareIsoDates(today, state.snoozedUntil) >= 0;
  if (!snoozeReached && compareIsoDates(today, nextReminderDate(state, calendar, policy)) < 0) {
    return { due: false, reason: "notYet" };
  }
  return { due: true };
}

/**
 * "Remind me next working day": allowed once in seven days per unit; the reminder then comes
 * on the next working day instead of the scheduled one.
 */
export function snooze(
  now: Date,
  lastSnoozedAt: Date | null,
  calendar: WorkingCalendar,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): { ok: true; until: IsoDate } | { ok: false; reason: "snoozedThisWeek" } {
  const today = localDateOf(now, policy.timeZone);
  if (lastSnoozedAt && compareIsoDates(today, addDays(localDateOf(lastSnoozedAt, policy.timeZone), 7)) < 0) {
    return { ok: false, reason: "snoozedThisWeek" };
  }
  return { ok: true, until: calendar.addWorkingDays(today, 1) };
}
