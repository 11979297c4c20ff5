// The period and "as of" an admin may write in a document's caption, for files whose title
// rows lack them: "03/2025, 11:00 11/04/2025", "tháng 3/2025 tính đến 11h00 ngày 11/04/2025",
// "2025-03 2025-04-11 11:00".
import { zonedTimeToInstant } from "../domain/working-days.js";
import type { PendingImportOptions } from "../repositories/pending-imports.js";
import { makeWallClock } from "./wall-clock.js";

const pad = (value: number) => String(value).padStart(2, "0");

export function readImportCaption(caption: string, timeZone: string): PendingImportOptions {
  const text = caption.replace(/\s+/g, " ");
  const options: PendingImportOptions = {};
  const asOf = findAsOf(text, timeZone);
  if (asOf) options.asOf = asOf.instant.toISOString();
  const rest = asOf ? text.replace(asOf.matched, " ") : text;
  const period = findPeriod(rest);
  if (period) options.period = period;
  return options;
}

function findAsOf(text: string, timeZone: string): { instant: Date; matched: string } | null {
  const patterns: Array<[RegExp, (m: RegExpMatchArray) => number[]]> = [
    // 11:00 11/04/2025, 11h00 ngày 11/04/2025, 11 giờ 00 ngày 11/04/2025
    [
      /(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})'?\s*(?:ngày\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/i,
      (m) => [m[5], m[4], m[3], m[1], m[2]].map(Number),
    ],
    // 11/04/2025 11:00
    [
      /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2}):(\d{2})/,
      (m) => [m[3], m[2], m[1], m[4], m[5]].map(Number),
    ],
    // 2025-04-11 11:00
    [/(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})/, (m) => [m[1], m[2], m[3], m[4], m[5]].map(Number)],
  ];
  for (const [pattern, fields] of patterns) {
    const match = text.match(pattern);
    if (!match) continue;
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = fields(match);
    if (!makeWallClock(year, month, day, hour, minute)) continue;
    return {
      instant: zonedTimeToInstant(`${year}-${pad(month)}-${pad(day)}`, hour, minute, timeZone),
      matched: match[0],
    };
  }
  return null;
}

function findPeriod(text: string): { year: number; month: number } | null {
  const iso = text.match(/\b(\d{4})-(\d{2})\b/);
  const dayFirst = text.match(/(?<![\d/.-])(\d{1,2})[/.-](\d{4})\b/);
  const [year, month] = iso
    ? [Number(iso[1]), Number(iso[2])]
    : dayFirst
      ? [Number(dayFirst[2]), Number(dayFirst[1])]
      : [0, 0];
  return month >= 1 && month <= 12 && year >= 2000 ? { year, month } : null;
}
