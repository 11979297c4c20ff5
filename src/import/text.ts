import type { CellValue } from "./readers/types.js";
import { formatWallClock } from "./wall-clock.js";

const UNTIDY_SPACE = /^\s|\s$|[\s\u200b\ufeff]{2,}|[^\S ]|[\u200b\ufeff]/;
const BLANK = /^[\s\u200b\ufeff]*$/;

/**
 * Text as shown to people, one space between words. The readers hand on composed Unicode
 * (NFC) already, once per distinct string: normalising here, per cell, would copy every
 * text of every row.
 */
export function cleanText(text: string): string {
  // Most cells are already tidy: leave them be rather than copy them (60,000 rows, a dozen cells each).
  return UNTIDY_SPACE.test(text) ? text.replace(/[\s\u200b\ufeff]+/g, " ").trim() : text;
}

/** Composed Unicode (NFC): "hóa" typed as o + combining accents compares equal to "hóa". */
export function composed(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const normal = text.normalize("NFC");
  // Keep the original when it was composed already: the copy would only double the memory.
  return normal === text ? text : normal;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * A key for comparing names: no diacritics (đ counts as d), lower case, punctuation and
 * runs of spaces made one space. "Số hoá hồ sơ", "SO HOA HO SO" and "so  hoa-ho so" agree.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A number as a spreadsheet would display it: float noise (8.300000000000001) dropped. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const clean = Number(value.toPrecision(15));
  if (Number.isInteger(clean) && Math.abs(clean) < 1e21) return clean.toFixed(0);
  const text = String(clean);
  if (!/e/i.test(text)) return text;
  return clean.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

/** The cell as text, for messages and for text fields; null when empty. */
export function cellText(cell: CellValue): string | null {
  if (cell === null) return null;
  if (typeof cell === "string") {
    const text = cleanText(cell);
    return text === "" ? null : text;
  }
  if (typeof cell === "number") return numberText(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return formatWallClock(cell);
}

export function isBlankCell(cell: CellValue | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === "string" && BLANK.test(cell));
}
