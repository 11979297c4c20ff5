// What reminders are judged by, read in the caller's transaction: the working-day table and the
// Center's interval, with office hours in the configured zone.
import type { DbClient } from "../../db/prisma.js";
import {
  DEFAULT_REMINDER_SETTINGS,
  REMINDER_SETTINGS_KEY,
  type ReminderPolicy,
  reminderPolicy,
  reminderSettingsSchema,
} from "../../domain/reminders.js";
import { createWorkingCalendar, type WorkingCalendar } from "../../domain/working-days.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import { SettingsRepository } from "../../repositories/settings.js";

export async function readReminderRules(
  tx: DbClient,
  timeZone: string,
): Promise<{ calendar: WorkingCalendar; policy: ReminderPolicy }> {
  const [entries, settings] = await Promise.all([
    new CalendarRepository(tx).entries(),
    new SettingsRepository(tx).read(REMINDER_SETTINGS_KEY, reminderSettingsSchema, DEFAULT_REMINDER_SETTINGS),
  ]);
  return { calendar: createWorkingCalendar(entries), policy: reminderPolicy(settings, timeZone) };
}
