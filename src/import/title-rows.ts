// The reporting month and the "as of" time, when the title rows above the header state them:
// "Tháng 3/2025", "tháng 03 năm 2025", "03/2025", "March 2025";
// "tính đến 11 giờ 00 ngày 11/04/2025", "tại thời điểm 11h00' ngày 11/04/2025", "as of 11:00 11/04/2025".

import type { SheetRow } from "./readers/types.js";
import { cellText } from "./text.js";
import type { YearMonth } from "./types.js";
import { makeWallClock, wallClockToInstant } from "./wall-clock.js";

export interface TitleInfo {
  period: YearMonth | null;
  asOf: Date | null;
}

/** Lower case, no diacritics (đ = d), punctuation kept: "Tháng 3/2025" -> "thang 3/2025". */
function foldKeepingPunctuation(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function yearMonth(year: number, month: number): YearMonth | null {
  return month >= 1 && month <= 12 && year >= 1970 && year <= 2100 ? { year, month } : null;
}

const PERIOD_RULES: readonly ((text: string) => YearMonth | null)[] = [
  // "tháng 3/2025", "tháng 03 năm 2025", "tháng 3-2025"
  (text) => {
    const match = /thang\s*(\d{1,2})\s*(?:[/.-]|\s*nam)\s*(\d{4})/.exec(text);
    return match ? yearMonth(Number(match[2]), Number(match[1])) : null;
  },
  // "March 2025", "Mar. 2025", "month 3/2025"
  (text) => {
    const named = new RegExp(String.raw`\b(${Object.keys(MONTHS).join("|")})\.?,?\s*(\d{4})\b`).exec(text);
    if (named) return yearMonth(Number(named[2]), MONTHS[named[1] as string] ?? 0);
    const numbered = /\bmonth\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(text);
    return numbered ? yearMonth(Number(numbered[2]), Number(numbered[1])) : null;
  },
  // a bare "03/2025" (not the tail of a full date such as 11/04/2025, nor of a document number)
  (text) => {
    const match = /(?<![\d/.-])(\d{1,2})\s*[/-]\s*(\d{4})(?![\d/.-])/.exec(text);
    return match ? yearMonth(Number(match[2]), Number(match[1])) : null;
  },
];

export function parsePeriod(text: string): YearMonth | null {
  const folded = foldKeepingPunctuation(text);
  for (const rule of PERIOD_RULES) {
    const period = rule(folded);
    if (period) return period;
  }
  return null;
}

const AS_OF_TRIGGER =
  /(tinh den|tinh toi|tai thoi diem|thoi diem|cap nhat den|cap nhat luc|cap nhat ngay|du lieu den|as of|as at|as on)\b/;
const AS_OF_DATE = [
  { pattern: /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/, order: "dmy" },
  { pattern: /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/, order: "dmy" },
  { pattern: /(\d{4})-(\d{1,2})-(\d{1,2})/, order: "ymd" },
] as const;
// "11 giờ 00", "11h00'", "11h", "11:00", "11 giờ 30 phút"
const AS_OF_TIME = /(\d{1,2})\s*(?:gio|h|:)\s*(\d{1,2})?/;

interface AsOfClause {
  instant: Date;
  /** Where the clause sits in the folded text, trigger to date (or time) included. */
  start: number;
  end: number;
}

function findAsOf(folded: string, timeZone: string): AsOfClause | null {
  const trigger = AS_OF_TRIGGER.exec(folded);
  if (!trigger) return null;
  const clauseStart = trigger.index + trigger[0].length;
  const clause = folded.slice(clauseStart, clauseStart + 80);
  for (const { pattern, order } of AS_OF_DATE) {
    const date = pattern.exec(clause);
    if (!date) continue;
    const [a, b, c] = [date[1], date[2], date[3]].map(Number) as [number, number, number];
    const [year, month, day] = order === "dmy" ? [c, b, a] : [a, b, c];
    const dateEnd = date.index + date[0].length;
    // The time sits just before the date ("11 giờ 00 ngày ...") or just after it ("... 11:00").
    const before = AS_OF_TIME.exec(clause.slice(0, date.index));
    const after = before ? null : AS_OF_TIME.exec(clause.slice(dateEnd, dateEnd + 20));
    const time = before ?? after;
    const wall = makeWallClock(year, month, day, Number(time?.[1] ?? 0), Number(time?.[2] ?? 0));
    if (!wall || year < 1970 || year > 2100) return null;
    const end = clauseStart + (after ? dateEnd + after.index + after[0].length : dateEnd);
    return { instant: wallClockToInstant(wall, timeZone), start: trigger.index, end };
  }
  return null;
}

/** "tính đến 11 giờ 00 ngày 11/04/2025" -> 04:00Z on 11 April 2025 in Hanoi; a bare date is midnight. */
export function parseAsOf(text: string, timeZone: string): Date | null {
  return findAsOf(foldKeepingPunctuation(text), timeZone)?.instant ?? null;
}

/** The period and "as of" time stated in the rows above the header, if any. */
export function readTitleRows(rows: readonly SheetRow[], timeZone: string): TitleInfo {
  let period: YearMonth | null = null;
  let asOf: Date | null = null;
  for (const row of rows) {
    const text = foldKeepingPunctuation(
      row.cells
        .map(cellText)
        .filter((cell) => cell !== null)
        .join(" "),
    );
    if (text === "") continue;
    const clause = findAsOf(text, timeZone);
    asOf ??= clause?.instant ?? null;
    // The as-of date ("ngày 11 tháng 4 năm 2025") is not the reporting month.
    period ??= parsePeriod(clause ? `${text.slice(0, clause.start)} | ${text.slice(clause.end)}` : text);
  }
  return { period, asOf };
}
