// A local calendar date (no time, no zone: "2026-09-02") as people read it. Its noon in the
// configured zone is what gets formatted, so no offset can move it to another day.
import type { Locale } from "../config.js";
import { type IsoDate, zonedTimeToInstant } from "../domain/working-days.js";
import { formatDate } from "../i18n/format.js";

export function formatLocalDate(locale: Locale, date: IsoDate, timeZone: string): string {
  return formatDate(locale, zonedTimeToInstant(date, 12, 0, timeZone), timeZone);
}

/** "Thứ 4" / "Wed": the day of the week, short. */
export function formatLocalWeekday(locale: Locale, date: IsoDate, timeZone: string): string {
  const instant = zonedTimeToInstant(date, 12, 0, timeZone);
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { weekday: "short", timeZone }).format(
    instant,
  );
}
