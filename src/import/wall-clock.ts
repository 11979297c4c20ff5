// Spreadsheets hold wall-clock times with no zone. They become instants only here, in the
// configured zone, with the offset Intl reports for that moment (never a fixed +7).
import { instantOfWallClock } from "../domain/time-zone.js";

export { assertTimeZone, zoneOffsetAt } from "../domain/time-zone.js";

/** A date and time as a clock on the wall shows it, in no particular zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const MS_PER_DAY = 86_400_000;
/** Day 0 of Excel's 1900 date system is 1899-12-30 (serial 60, the phantom 29/02/1900, is skipped over). */
const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The wall clock if every field is within its calendar range (31/02 is not a date). */
export function makeWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): WallClock | null {
  const fields = [year, month, day, hour, minute, second];
  if (!fields.every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

/** The UTC fields of a Date read as a wall clock (exceljs gives date cells this way). */
export function wallClockFromUtcFields(date: Date): WallClock | null {
  const time = date.getTime();
  if (!Number.isFinite(time)) return null;
  // Serials carry float noise: 11:00 may arrive as 10:59:59.9999.
  const rounded = new Date(Math.round(time / 1000) * 1000);
  return {
    year: rounded.getUTCFullYear(),
    month: rounded.getUTCMonth() + 1,
    day: rounded.getUTCDate(),
    hour: rounded.getUTCHours(),
    minute: rounded.getUTCMinutes(),
    second: rounded.getUTCSeconds(),
  };
}

/** An Excel serial date (days since the workbook's epoch, fraction = time of day). */
export function wallClockFromExcelSerial(serial: number, date1904 = false): WallClock | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const epoch = date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
  // Serials below 61 sit before the phantom 29/02/1900 and are one day off; no real export has them.
  const adjusted = !date1904 && serial < 61 ? serial + 1 : serial;
  return wallClockFromUtcFields(new Date(epoch + Math.round(adjusted * MS_PER_DAY)));
}

export function hasTimeOfDay(wall: WallClock): boolean {
  return wall.hour !== 0 || wall.minute !== 0 || wall.second !== 0;
}

/** "2025-04-11": for comparing calendar days. */
export function dayKey(wall: WallClock): string {
  return `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}`;
}

export function formatWallClock(wall: WallClock): string {
  const date = `${pad2(wall.day)}/${pad2(wall.month)}/${wall.year}`;
  if (!hasTimeOfDay(wall)) return date;
  const seconds = wall.second ? `:${pad2(wall.second)}` : "";
  return `${date} ${pad2(wall.hour)}:${pad2(wall.minute)}${seconds}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** The instant at which the zone's clocks show this wall-clock time. */
export function wallClockToInstant(wall: WallClock, timeZone: string): Date {
  return instantOfWallClock(timeZone, wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
}
