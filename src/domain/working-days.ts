// Working days in the local calendar: Monday to Friday, minus announced public holidays, plus
// announced swapped working Saturdays. The table of holidays is data (announced each year,
// never computed); this module only reads it. Pure: no I/O, no clock.
import { instantOfWallClock, wallClockAt } from "./time-zone.js";

/** A calendar date in the local zone, no time, no zone: "2025-04-11". */
export type IsoDate = string;

export type CalendarDayKind = "HOLIDAY" | "WORKING_DAY";

export interface CalendarDayEntry {
  date: IsoDate;
  /** HOLIDAY: a weekday off. WORKING_DAY: a Saturday or Sunday worked instead (a swap). */
  kind: CalendarDayKind;
  name: string;
}

/** Working days between two instants (counted on their local calendar dates, as the calendar table says). */
export type WorkingDaysBetween = (from: Date, to: Date) => number;

export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /**
   * n > 0: the n-th working day after `date` (not counting `date` itself); n < 0: the |n|-th
   * working day before it; n = 0: `date` unchanged.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days after `from` up to and including `to`; 0 when `to` <= `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The table entry for a date, if any (a holiday's name, a swap). */
  entryFor(date: IsoDate): CalendarDayEntry | undefined;
}

export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The fields of an ISO date, or null when it is not a real calendar date ("2025-02-29"). */
export function parseIsoDate(date: string): DateParts | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

export function isIsoDate(date: string): boolean {
  return parseIsoDate(date) !== null;
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function requireDate(date: IsoDate): DateParts {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

/** Days since 1970-01-01 (negative before it). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = requireDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

function weekdayOfDayNumber(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function isWeekendDayNumber(dayNumber: number): boolean {
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === 0 || weekday === 6;
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** The calendar date a clock in `timeZone` shows at this instant (23:30 UTC is already the next day at UTC+7). */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  if (!Number.isFinite(instant.getTime())) throw new RangeError("invalid Date");
  return wallClockAt(instant, timeZone).toISOString().slice(0, 10);
}

/** The instant at which clocks in `timeZone` show `date` at hour:minute (offset from Intl, never hard-coded). */
export function zonedTimeToInstant(
  date: IsoDate,
  hour: number,
  minute: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): Date {
  const { year, month, day } = requireDate(date);
  return instantOfWallClock(timeZone, year, month, day, hour, minute);
}

/** Number of Mondays..Fridays with day number < n, counted from a Monday far back (differences only). */
function weekdaysBefore(dayNumber: number): number {
  const MONDAY = -3; // 1969-12-29
  const offset = dayNumber - MONDAY;
  const weeks = Math.floor(offset / 7);
  const rest = offset - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}

/** How many of the sorted numbers lie in (from, to]. */
function countInRange(sorted: readonly number[], from: number, to: number): number {
  return upperBound(sorted, to) - upperBound(sorted, from);
}

/** Index of the first element > value. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A calendar from the table of announced days. Throws on a malformed date or on one date
 * listed as both a holiday and a working day. A HOLIDAY on a weekend or a WORKING_DAY on a
 * weekday changes nothing (kept only for entryFor).
 */
export function createWorkingCalendar(days: readonly CalendarDayEntry[]): WorkingCalendar {
  const entries = new Map<number, CalendarDayEntry>();
  for (const entry of days) {
    if (entry.kind !== "HOLIDAY" && entry.kind !== "WORKING_DAY") {
      throw new RangeError(`unknown calendar day kind ${JSON.stringify(entry.kind)} on ${entry.date}`);
    }
    const dayNumber = toDayNumber(entry.date);
    const existing = entries.get(dayNumber);
    if (existing && existing.kind !== entry.kind) {
      throw new RangeError(`${entry.date} is listed both as ${existing.kind} and as ${entry.kind}`);
    }
    if (!existing) entries.set(dayNumber, { ...entry });
  }
  const holidays: number[] = []; // weekdays off
  const swaps: number[] = []; // weekend days worked
  for (const [dayNumber, entry] of entries) {
    const weekend = isWeekendDayNumber(dayNumber);
    if (entry.kind === "HOLIDAY" && !weekend) holidays.push(dayNumber);
    if (entry.kind === "WORKING_DAY" && weekend) swaps.push(dayNumber);
  }
  holidays.sort((a, b) => a - b);
  const holidaySet = new Set(holidays);
  swaps.sort((a, b) => a - b);
  const swapSet = new Set(swaps);

  const isWorkingDayNumber = (dayNumber: number): boolean =>
    isWeekendDayNumber(dayNumber) ? swapSet.has(dayNumber) : !holidaySet.has(dayNumber);

  return {
    isWorkingDay(date) {
      return isWorkingDayNumber(toDayNumber(date));
    },
    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
      let dayNumber = toDayNumber(date);
      const step = n < 0 ? -1 : 1;
      let remaining = Math.abs(n);
      while (remaining > 0) {
        dayNumber += step;
        if (isWorkingDayNumber(dayNumber)) remaining -= 1;
      }
      return fromDayNumber(dayNumber);
    },
    workingDaysBetween(from, to) {
      const start = toDayNumber(from);
      const end = toDayNumber(to);
      if (end <= start) return 0;
      const weekdays = weekdaysBefore(end + 1) - weekdaysBefore(start + 1);
      return weekdays - countInRange(holidays, start, end) + countInRange(swaps, start, end);
    },
    entryFor(date) {
      const entry = entries.get(toDayNumber(date));
      return entry ? { ...entry } : undefined;
    },
  };
}
