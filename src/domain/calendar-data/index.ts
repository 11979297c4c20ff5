// The announced holidays and swapped working days shipped with the code (the Center extends
// the table in the database). The years and sources are in the JSON file itself.
import type { CalendarDayEntry } from "../working-days.js";
import table from "./vn-holidays.json" with { type: "json" };

export const VN_CALENDAR_SOURCE_YEARS: readonly number[] = table.sourceYears;

export const VN_CALENDAR_DAYS: readonly CalendarDayEntry[] = table.days.map((day) => {
  if (day.kind !== "HOLIDAY" && day.kind !== "WORKING_DAY") {
    throw new Error(`vn-holidays.json: unknown kind ${day.kind} on ${day.date}`);
  }
  return { date: day.date, kind: day.kind, name: day.name };
});
