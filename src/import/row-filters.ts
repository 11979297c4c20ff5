// Rows between the header and the end that are not data: blank rows, the column-number
// row some reports put under the header, total rows, section headings and signature notes.

import type { CellValue, SheetRow } from "./readers/types.js";
import { cellText, foldText, isBlankCell } from "./text.js";

export function isBlankRow(row: SheetRow): boolean {
  return row.cells.every(isBlankCell);
}

const TOTAL_WORDS = new Set(["tong cong", "tong", "total", "grand total", "tong so", "cong", "sum"]);

/** How many leading columns of the table may hold the word "Tổng cộng". */
const TOTAL_LABEL_COLUMNS = 3;

/** "Tổng cộng", "TỔNG", "Total" (with or without accents, a note in brackets) in one of the first columns. */
export function isTotalRow(row: SheetRow, firstColumn: number): boolean {
  for (let index = firstColumn; index < firstColumn + TOTAL_LABEL_COLUMNS; index += 1) {
    const cell = row.cells[index];
    // Cheap test first: every total label is short and starts with T, C, S or G.
    if (typeof cell !== "string" || cell.length > 40 || !/^[\s(]*[tcsg]/i.test(cell)) continue;
    const key = foldText(cell.replace(/\([^)]*\)/g, " "));
    if (TOTAL_WORDS.has(key)) return true;
    // "Tổng cộng 63 đơn vị", but not a "Tổng công ty" (a state corporation).
    if (/^(tong cong|total)( |$)/.test(key) && !/^tong cong ty( |$)/.test(key)) return true;
  }
  return false;
}

const COLUMN_NUMBER = /^\(?\s*(\d{1,2}|[a-z])\s*\)?(\s*[=+\-*/x]\s*\(?\s*(\d{1,2}|[a-z])\s*\)?)*$/i;

/** "(1) (2) (3) ..." or "A B 1 2 3": the row numbering the columns under some headers. */
export function isColumnNumberRow(row: SheetRow): boolean {
  const labels = row.cells.filter((cell) => !isBlankCell(cell)).map((cell) => cellText(cell) ?? "");
  if (labels.length < 3 || !labels.every((label) => COLUMN_NUMBER.test(label))) return false;
  // Column numbers only go up: a row of small whole scores (18, 20, 12, ...) does not.
  const numbers = labels
    .map((label) => /\d+/.exec(label))
    .flatMap((match) => (match ? [Number(match[0])] : []));
  return numbers.every((value, index) => index === 0 || value > (numbers[index - 1] ?? 0));
}

const SECTION_NUMBER = /^([ivxlc]+|[a-z])\.?$/i;

/**
 * A heading ("I. CÁC SỞ, BAN, NGÀNH") or a note ("Người lập biểu"): every value column is
 * blank and the row holds a single text, or its number is a Roman numeral or a letter.
 */
export function isLabelRow(
  row: SheetRow,
  valueCells: readonly CellValue[],
  sttCell: CellValue | undefined,
): boolean {
  if (!valueCells.every(isBlankCell)) return false;
  const filled = row.cells.filter((cell) => !isBlankCell(cell));
  if (filled.length <= 1) return true;
  return typeof sttCell === "string" && SECTION_NUMBER.test(sttCell.trim());
}

/** The row's text for a warning: its filled cells, shortened. */
export function rowLabel(row: SheetRow): string {
  const text = row.cells
    .map(cellText)
    .filter((cell) => cell !== null)
    .join(" ");
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
