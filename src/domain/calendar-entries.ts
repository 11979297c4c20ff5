// What the Center may add to the working-day table: a real date, HOLIDAY or WORKING_DAY, a
// name. A WORKING_DAY on a weekday would change nothing (and usually means a typo in the
// date), so it is refused; so is a date listed twice in one batch. A HOLIDAY on a weekend is
// allowed: the table lists those for readability (Hùng Kings' day on a Sunday). Pure.
import {
  type CalendarDayEntry,
  type CalendarDayKind,
  compareIsoDates,
  dayOfWeek,
  formatIsoDate,
  type IsoDate,
  parseIsoDate,
} from "./working-days.js";

export const CALENDAR_NAME_MAX_LENGTH = 200;

export type CalendarEntryErrorCode =
  | "badDate"
  | "badKind"
  | "noName"
  | "nameTooLong"
  | "workingDayOnWeekday"
  | "duplicateDate";

export interface CalendarEntryError {
  /** The entry's position in the batch (a file's row number, or 1 for a single entry). */
  row: number;
  field: "date" | "kind" | "name";
  value: string;
  code: CalendarEntryErrorCode;
}

export interface RawCalendarEntry {
  row: number;
  date: string;
  kind: string;
  name: string;
}

/** "2026-09-01", "01/09/2026" or "1/9/2026" as an ISO date; null when not a real date. */
export function readCalendarDate(text: string): IsoDate | null {
  const value = text.trim();
  if (parseIsoDate(value)) return value;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!match) return null;
  const date = formatIsoDate({ year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) });
  return parseIsoDate(date) ? date : null;
}

/** The batch's entries, or every problem found in it (nothing is taken when one row is wrong). */
export function checkCalendarEntries(
  raw: readonly RawCalendarEntry[],
): { ok: true; entries: CalendarDayEntry[] } | { ok: false; errors: CalendarEntryError[] } {
  const errors: CalendarEntryError[] = [];
  const entries: CalendarDayEntry[] = [];
  const seen = new Set<IsoDate>();
  for (const entry of raw) {
    const rowErrors: CalendarEntryError[] = [];
    const fail = (field: CalendarEntryError["field"], value: string, code: CalendarEntryErrorCode) =>
      rowErrors.push({ row: entry.row, field, value, code });
    const date = readCalendarDate(entry.date);
    const kind = entry.kind.trim().toUpperCase();
    const name = entry.name.trim();
    if (!date) fail("date", entry.date, "badDate");
    if (kind !== "HOLIDAY" && kind !== "WORKING_DAY") fail("kind", entry.kind, "badKind");
    if (name === "") fail("name", entry.name, "noName");
    else if (name.length > CALENDAR_NAME_MAX_LENGTH) fail("name", entry.name, "nameTooLong");
    if (date && (kind === "HOLIDAY" || kind === "WORKING_DAY")) {
      const weekend = [0, 6].includes(dayOfWeek(date));
      if (kind === "WORKING_DAY" && !weekend) fail("date", entry.date, "workingDayOnWeekday");
      if (seen.has(date)) fail("date", entry.date, "duplicateDate");
      seen.add(date);
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else entries.push({ date: date as IsoDate, kind: kind as CalendarDayKind, name });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, entries: entries.sort((a, b) => compareIsoDates(a.date, b.date)) };
}

/** What a year's table shows: its holidays and its swapped working days, in date order. */
export function calendarYear(
  entries: readonly CalendarDayEntry[],
  year: number,
): { holidays: CalendarDayEntry[]; workingDays: CalendarDayEntry[] } {
  const ofYear = entries
    .filter((entry) => entry.date.startsWith(`${String(year).padStart(4, "0")}-`))
    .sort((a, b) => compareIsoDates(a.date, b.date));
  return {
    holidays: ofYear.filter((entry) => entry.kind === "HOLIDAY"),
    workingDays: ofYear.filter((entry) => entry.kind === "WORKING_DAY"),
  };
}
