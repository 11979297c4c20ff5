// When a unit is reminded of the answers it still owes (DOMAIN.md, L1): one batched reminder
// per unit every N working days after the push, only in office hours on working days, with
// "remind me next working day" at most once a week. Pure: the caller gives the clock.

import { z } from "zod";
import { type PushPerson, type PushUnitAudience, pushRecipients } from "./push.js";
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

// ---- Who is reminded, and how often (the Center's setting) ------------------------------------

/** A reminder asks people to act: it goes to the unit's heads and, as its push setting says, officers; never to its group. */
export type ReminderRecipient = { kind: "head" | "officer"; unitId: number; person: PushPerson };

export function reminderRecipients(unit: PushUnitAudience): {
  recipients: ReminderRecipient[];
  unreachable: PushPerson[];
} {
  const { recipients, unreachable } = pushRecipients(unit);
  return {
    recipients: recipients.filter((recipient): recipient is ReminderRecipient => recipient.kind !== "group"),
    unreachable: unreachable.flatMap((entry) => (entry.kind === "person" ? [entry.person] : [])),
  };
}

/** One message per person, unit, period and reminder date: a rerun of the hour queues nothing twice. */
export function reminderDedupeKey(
  periodKey: string,
  unitId: number,
  date: IsoDate,
  personId: number,
): string {
  return `reminder:${periodKey}:u${unitId}:${date}:p${personId}`;
}

/** The outbox batch of one day's reminders of a period. */
export function reminderBatchKey(periodKey: string, date: IsoDate): string {
  return `reminders:${periodKey}:${date}`;
}

/** How many dossier codes a reminder names (the rest are a button away). */
export const REMINDER_SHOWN_CODES = 5;

export const reminderSettingsSchema = z.object({
  /** Working days between the push (or the last reminder) and the next reminder. */
  everyWorkingDays: z.number().int().min(1).max(20),
});

export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const REMINDER_SETTINGS_KEY = "reminders";

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  everyWorkingDays: DEFAULT_REMINDER_POLICY.everyWorkingDays,
};

/** The policy the reminders run by: the Center's interval, office hours, the configured zone. */
export function reminderPolicy(settings: ReminderSettings, timeZone: string): ReminderPolicy {
  return { ...DEFAULT_REMINDER_POLICY, everyWorkingDays: settings.everyWorkingDays, timeZone };
}
