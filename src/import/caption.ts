// The period and "as of" an admin may write in a document's caption, for files whose title
// rows lack them: the forms title rows use ("tháng 3/2025 tính đến 11 giờ 00 ngày 11/04/2025"),
// and the short ones people type ("03/2025, 11:00 11/04/2025", "2025-03 2025-04-11 11:00").
import type { StatedImportOptions } from "../domain/import-plan.js";
import { parseAsOf, parsePeriod } from "./title-rows.js";
import { makeWallClock, wallClockToInstant } from "./wall-clock.js";

export function readImportCaption(caption: string, timeZone: string): StatedImportOptions {
  const text = caption.replace(/\s+/g, " ");
  const options: StatedImportOptions = {};
  const stated = parseAsOf(text, timeZone);
  const typed = stated ? null : findTypedAsOf(text, timeZone);
  const asOf = stated ?? typed?.instant ?? null;
  if (asOf) options.asOf = asOf.toISOString();
  // The as-of date must not be read as a period ("11/04/2025" holds "04/2025").
  const period = parsePeriod(typed ? text.replace(typed.matched, " ") : text) ?? parseIsoMonth(text);
  if (period) options.period = period;
  return options;
}

/** "11:00 11/04/2025", "11/04/2025 11:00", "2025-04-11 11:00": a time and a date, without "tính đến". */
function findTypedAsOf(text: string, timeZone: string): { instant: Date; matched: string } | null {
  const patterns: Array<[RegExp, (m: RegExpMatchArray) => number[]]> = [
    [
      /(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})'?\s*(?:ngày\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i,
      (m) => [m[5], m[4], m[3], m[1], m[2]].map(Number),
    ],
    [
      /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2}):(\d{2})/,
      (m) => [m[3], m[2], m[1], m[4], m[5]].map(Number),
    ],
    [/(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})/, (m) => [m[1], m[2], m[3], m[4], m[5]].map(Number)],
  ];
  for (const [pattern, fields] of patterns) {
    const match = text.match(pattern);
    if (!match) continue;
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = fields(match);
    const wall = makeWallClock(year, month, day, hour, minute);
    if (wall) return { instant: wallClockToInstant(wall, timeZone), matched: match[0] };
  }
  return null;
}

function parseIsoMonth(text: string): { year: number; month: number } | null {
  const match = text.match(/\b(\d{4})-(\d{2})\b(?!-)/);
  const [year, month] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  return month >= 1 && month <= 12 && year >= 2000 ? { year, month } : null;
}
