// Cell values as the import understands them: decimals as strings, integers, ranks and
// dates. Each parser returns a value or the reason (a translated error code) it cannot.

import type { CellValue } from "./readers/types.js";
import { cellText, cleanText, numberText } from "./text.js";
import type { DecimalString } from "./types.js";
import {
  hasTimeOfDay,
  makeWallClock,
  type WallClock,
  wallClockFromExcelSerial,
  wallClockFromUtcFields,
  wallClockToInstant,
  zoneOffsetAt,
} from "./wall-clock.js";

export type ErrorParams = Record<string, string | number>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; params?: ErrorParams };

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(code: string, params?: ErrorParams): Parsed<T> {
  return params ? { ok: false, code, params } : { ok: false, code };
}

/** Decimals carry at most this many digits after the point. */
export const DECIMAL_PLACES = 2;
const SCALE = 10n ** BigInt(DECIMAL_PLACES);

/** Portals write a dash for "no figure": it means missing, like an empty cell. */
const DASHES = new Set(["-", "–", "—"]);

function emptyText(cell: CellValue): boolean {
  return (
    cell === null || (typeof cell === "string" && (cleanText(cell) === "" || DASHES.has(cleanText(cell))))
  );
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:[.,](\d*))?$/;

/** "08,30" -> "8.3"; "-0" -> "0"; null when not a plain decimal. */
function normaliseDecimalText(text: string): { value: DecimalString; places: number } | null {
  const match = DECIMAL_TEXT.exec(text.replace(/\s+/g, ""));
  if (!match) return null;
  const [, sign = "", whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const integer = whole.replace(/^0+(?=\d)/, "") || "0";
  const decimals = fraction.replace(/0+$/, "");
  const magnitude = decimals ? `${integer}.${decimals}` : integer;
  const negative = sign === "-" && /[1-9]/.test(magnitude);
  return { value: negative ? `-${magnitude}` : magnitude, places: decimals.length };
}

/** Rounds half away from zero to DECIMAL_PLACES, on the digits, never through a float. */
function roundDecimalText(text: DecimalString): DecimalString {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  if (fraction.length <= DECIMAL_PLACES) return text;
  const kept = BigInt(whole + fraction.slice(0, DECIMAL_PLACES));
  const roundUp = Number(fraction[DECIMAL_PLACES]) >= 5 ? 1n : 0n;
  return fromScaled(negative ? -(kept + roundUp) : kept + roundUp);
}

/** The decimal in hundredths, for exact sums and comparisons. */
export function toScaled(value: DecimalString): bigint {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const scaled =
    BigInt(whole) * SCALE + BigInt(fraction.padEnd(DECIMAL_PLACES, "0").slice(0, DECIMAL_PLACES));
  return negative ? -scaled : scaled;
}

export function fromScaled(scaled: bigint): DecimalString {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(DECIMAL_PLACES, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

/**
 * A decimal: "8,3", "8.3" and the number 8.3 alike; an empty cell is null (missing, not 0).
 * Numeric cells are rounded to two places (float noise such as 8.300000000000001 goes);
 * typed text with more places is refused.
 */
export function parseDecimal(cell: CellValue): Parsed<DecimalString | null> {
  if (emptyText(cell)) return ok(null);
  if (typeof cell === "number") {
    if (Number.isSafeInteger(cell)) return ok(String(cell));
    if (!Number.isFinite(cell)) return fail("invalidNumber");
    const normalised = normaliseDecimalText(numberText(cell));
    return normalised ? ok(roundDecimalText(normalised.value)) : fail("invalidNumber");
  }
  if (typeof cell !== "string") return fail("invalidNumber");
  const normalised = normaliseDecimalText(cleanText(cell));
  if (!normalised) return fail("invalidNumber");
  if (normalised.places > DECIMAL_PLACES) return fail("tooManyDecimals", { max: DECIMAL_PLACES });
  return ok(normalised.value);
}

/** A whole number ("5", 5, "5 ngày", "5 days"); null when empty. */
export function parseInteger(cell: CellValue): Parsed<number | null> {
  if (typeof cell === "number" && Number.isSafeInteger(cell)) return ok(cell);
  const text = typeof cell === "string" ? cleanText(cell).replace(/\s*(ngày|ngay|days?)$/i, "") : cell;
  const decimal = parseDecimal(text);
  if (!decimal.ok) return decimal.code === "tooManyDecimals" ? fail("notInteger") : decimal;
  if (decimal.value === null) return ok(null);
  if (decimal.value.includes(".")) return fail("notInteger");
  const value = Number(decimal.value);
  return Number.isSafeInteger(value) ? ok(value) : fail("invalidNumber");
}

export interface Rank {
  rank: number | null;
  rankOutOf: number | null;
}

/** "5" -> 5; "60/63" (the province's national rank) -> 60 of 63. */
export function parseRank(cell: CellValue): Parsed<Rank> {
  if (emptyText(cell)) return ok({ rank: null, rankOutOf: null });
  if (typeof cell === "number") {
    return Number.isInteger(cell) && cell >= 1 ? ok({ rank: cell, rankOutOf: null }) : fail("invalidRank");
  }
  if (typeof cell !== "string") return fail("invalidRank");
  const match = /^(\d{1,6})(?:\s*\/\s*(\d{1,6}))?$/.exec(cleanText(cell));
  if (!match) return fail("invalidRank");
  const rank = Number(match[1]);
  const rankOutOf = match[2] === undefined ? null : Number(match[2]);
  if (rank < 1 || (rankOutOf !== null && rankOutOf < rank)) return fail("invalidRank");
  return ok({ rank, rankOutOf });
}

/**
 * Text as written, tidied; null when empty. A date-time the file stored as such is no text
 * field's value: null too (where `cellText` writes it out).
 */
export function parseText(cell: CellValue): string | null {
  return typeof cell === "object" && cell !== null ? null : cellText(cell);
}

export interface DateValue {
  readonly instant: Date;
  /** The wall clock in the configured zone (for comparing calendar days). */
  readonly wall: WallClock;
  /** False for a bare date (midnight): compare it by day, not by the minute. */
  readonly hasTime: boolean;
}

/** Real dates only: a year outside this range is a typo (11/04/0225) or a stray number, not a dossier. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(am|pm|sa|ch))?`;
const DMY = String.raw`(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})`;
const YMD = String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`;
const ZONE = String.raw`(z|[+-]\d{2}:?\d{2})?`;
const DATE_TIME = [
  { pattern: new RegExp(`^${DMY}(?:(?:\\s+|\\s*,\\s*)${TIME})?$`, "i"), order: "dmy", time: 4 },
  { pattern: new RegExp(`^${TIME}(?:\\s+|\\s*,\\s*)${DMY}$`, "i"), order: "dmy", time: 0 },
  { pattern: new RegExp(`^${YMD}(?:(?:\\s+|t|\\s*,\\s*)${TIME})?${ZONE}$`, "i"), order: "ymd", time: 4 },
  { pattern: new RegExp(`^${TIME}(?:\\s+|\\s*,\\s*)${YMD}$`, "i"), order: "ymd", time: 0 },
] as const;

interface TextDate {
  wall: WallClock;
  /** Minutes east of UTC, when the text names its zone ("Z", "+07:00"). */
  zoneMinutes: number | null;
  hasTime: boolean;
}

/** Day first, always: "04/05/2025" is 4 May. The time may come before or after the date. */
export function parseDateText(text: string): TextDate | null {
  const clean = cleanText(text);
  for (const { pattern, order, time } of DATE_TIME) {
    const match = pattern.exec(clean);
    if (!match) continue;
    const dateAt = time === 0 ? 5 : 1;
    const [a, b, c] = [match[dateAt], match[dateAt + 1], match[dateAt + 2]].map(Number) as [
      number,
      number,
      number,
    ];
    const [year, month, day] = order === "dmy" ? [c, b, a] : [a, b, c];
    const timeAt = time === 0 ? 1 : 4;
    const hasTime = match[timeAt] !== undefined;
    let hour = Number(match[timeAt] ?? 0);
    const minute = Number(match[timeAt + 1] ?? 0);
    const second = Number(match[timeAt + 2] ?? 0);
    const meridiem = match[timeAt + 3]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      const afternoon = meridiem === "pm" || meridiem === "ch";
      hour = (hour % 12) + (afternoon ? 12 : 0);
    }
    const wall = makeWallClock(year, month, day, hour, minute, second);
    if (!wall) return null;
    const zone = order === "ymd" && time === 4 ? match[8] : undefined;
    return { wall, zoneMinutes: zone ? zoneToMinutes(zone) : null, hasTime };
  }
  return null;
}

function zoneToMinutes(zone: string): number {
  if (zone.toLowerCase() === "z") return 0;
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith("-") ? -minutes : minutes;
}

function inYearRange(wall: WallClock): boolean {
  return wall.year >= MIN_YEAR && wall.year <= MAX_YEAR;
}

function dateValue(wall: WallClock, timeZone: string, hasTime: boolean): DateValue {
  return { instant: wallClockToInstant(wall, timeZone), wall, hasTime };
}

/**
 * A date (and time) from a date cell, an Excel serial number, or text in one of the
 * day-first forms (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, each with an
 * optional HH:mm[:ss] before or after). Wall-clock times are read in `timeZone`. Null when
 * empty; `invalidDate` when not a real date (31/02/2025).
 */
export function parseDate(cell: CellValue, timeZone: string, date1904 = false): Parsed<DateValue | null> {
  if (emptyText(cell)) return ok(null);
  if (typeof cell === "boolean") return fail("invalidDate");
  if (typeof cell === "object" && cell !== null) {
    if (!inYearRange(cell)) return fail("invalidDate");
    return ok(dateValue(cell, timeZone, hasTimeOfDay(cell)));
  }
  if (typeof cell === "number") return serialDate(cell, timeZone, date1904);
  const text = cleanText(cell ?? "");
  if (/^\d+(?:[.,]\d+)?$/.test(text)) return serialDate(Number(text.replace(",", ".")), timeZone, date1904);
  const parsed = parseDateText(text);
  if (!parsed || !inYearRange(parsed.wall)) return fail("invalidDate");
  if (parsed.zoneMinutes === null) return ok(dateValue(parsed.wall, timeZone, parsed.hasTime));
  const { wall } = parsed;
  const instant = new Date(
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) -
      parsed.zoneMinutes * 60_000,
  );
  const local = wallClockFromUtcFields(
    new Date(instant.getTime() + zoneOffsetAt(instant.getTime(), timeZone)),
  );
  return local ? ok({ instant, wall: local, hasTime: true }) : fail("invalidDate");
}

function serialDate(serial: number, timeZone: string, date1904: boolean): Parsed<DateValue | null> {
  const wall = wallClockFromExcelSerial(serial, date1904);
  if (!wall || !inYearRange(wall)) return fail("invalidDate");
  return ok(dateValue(wall, timeZone, hasTimeOfDay(wall)));
}
