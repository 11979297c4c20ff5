// /holidays [year]: the year's public holidays and swapped working days as the working-day
// table holds them (deadlines and reminders count by this table).
import type { Locale } from "../config.js";
import type { CalendarDayEntry } from "../domain/working-days.js";
import type { TFunction } from "../i18n/index.js";
import { formatLocalDate, formatLocalWeekday } from "./local-date.js";
import { fitOneMessage } from "./telegram-limits.js";

export interface HolidaysData {
  year: number;
  holidays: readonly CalendarDayEntry[];
  workingDays: readonly CalendarDayEntry[];
}

export function holidaysText(t: TFunction, locale: Locale, timeZone: string, data: HolidaysData): string {
  const line = (entry: CalendarDayEntry) =>
    t("holidays.line", {
      weekday: formatLocalWeekday(locale, entry.date, timeZone),
      date: formatLocalDate(locale, entry.date, timeZone),
      name: entry.name,
    });
  const lines = [t("holidays.title", { year: data.year })];
  if (data.holidays.length === 0 && data.workingDays.length === 0) {
    lines.push(t("holidays.empty", { year: data.year }));
    return lines.join("\n");
  }
  lines.push("", t("holidays.holidaysTitle"), ...data.holidays.map(line));
  if (data.holidays.length === 0) lines.push(t("holidays.none"));
  lines.push("", t("holidays.workingDaysTitle"), ...data.workingDays.map(line));
  if (data.workingDays.length === 0) lines.push(t("holidays.none"));
  lines.push("", t("holidays.note"));
  return fitOneMessage(lines, t("holidays.truncated"));
}
