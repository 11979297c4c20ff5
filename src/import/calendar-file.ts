// A file of announced days (CSV, .xlsx or .xls): a header row with the columns date, kind and
// name (or Ngày, Loại, Tên) near the top, then one day per row. Read without touching the
// database; `checkCalendarEntries` (domain) judges the rows.
import type { RawCalendarEntry } from "../domain/calendar-entries.js";
import { formatIsoDate } from "../domain/working-days.js";
import { openSheets } from "./readers/index.js";
import { type CellValue, type SheetRow, UnreadableFileError } from "./readers/types.js";
import { isBlankRow } from "./row-filters.js";
import { cellText, foldText } from "./text.js";

const HEADER_SEARCH_ROWS = 10;

const HEADERS: Record<"date" | "kind" | "name", readonly string[]> = {
  date: ["date", "ngay"],
  kind: ["kind", "loai", "loai ngay"],
  name: ["name", "ten", "ten ngay", "ten ngay le"],
};

type Columns = Record<keyof typeof HEADERS, number>;

export type CalendarFile =
  | { ok: true; entries: RawCalendarEntry[] }
  | { ok: false; problem: "unreadable" | "noHeader" };

function findColumns(row: SheetRow): Columns | null {
  const folded = row.cells.map((cell) => foldText(cellText(cell) ?? ""));
  const columns = Object.fromEntries(
    Object.entries(HEADERS).map(([field, names]) => [
      field,
      folded.findIndex((text) => names.includes(text)),
    ]),
  ) as Columns;
  return Object.values(columns).every((index) => index >= 0) ? columns : null;
}

/** A date cell as text: a spreadsheet date becomes YYYY-MM-DD, anything else is read as written. */
function dateText(cell: CellValue): string {
  if (cell !== null && typeof cell === "object")
    return formatIsoDate({ year: cell.year, month: cell.month, day: cell.day });
  return cellText(cell) ?? "";
}

export async function readCalendarFile(bytes: Buffer): Promise<CalendarFile> {
  try {
    const headerScore = (rows: readonly SheetRow[]) => rows.filter((row) => findColumns(row) !== null).length;
    const { sheets } = await openSheets(bytes, headerScore);
    for await (const sheet of sheets) {
      const rows: SheetRow[] = [];
      for await (const batch of sheet.rows) rows.push(...batch);
      const header = rows
        .filter((row) => !isBlankRow(row))
        .slice(0, HEADER_SEARCH_ROWS)
        .find((row) => findColumns(row) !== null);
      if (!header) continue;
      const columns = findColumns(header) as Columns;
      const entries = rows
        .filter((row) => row.number > header.number && !isBlankRow(row))
        .map((row) => ({
          row: row.number,
          date: dateText(row.cells[columns.date] ?? null),
          kind: cellText(row.cells[columns.kind] ?? null) ?? "",
          name: cellText(row.cells[columns.name] ?? null) ?? "",
        }));
      return { ok: true, entries };
    }
    return { ok: false, problem: "noHeader" };
  } catch (error) {
    if (error instanceof UnreadableFileError) return { ok: false, problem: "unreadable" };
    throw error;
  }
}
