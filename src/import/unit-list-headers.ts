// The header row of a unit list: which column holds the code, the names, the kind and the
// parent. Names are compared folded (no case, no diacritics, đ = d), as for the monthly
// files, so "Mã đơn vị", "MA DON VI" and "Unit code" all name the code column.

import { headerKey } from "./headers.js";
import type { SheetRow } from "./readers/types.js";
import { cellText, foldText } from "./text.js";

export const UNIT_LIST_FIELDS = ["stt", "code", "nameVi", "nameEn", "kind", "parentCode"] as const;
export type UnitListField = (typeof UNIT_LIST_FIELDS)[number];

export const UNIT_LIST_REQUIRED: readonly UnitListField[] = ["code", "nameVi"];

const ALIASES: Record<UnitListField, readonly string[]> = {
  stt: ["STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "Order"],
  code: ["Mã đơn vị", "Mã ĐV", "Mã", "Mã số", "Mã cơ quan", "Unit code", "Code", "Agency code"],
  nameVi: [
    "Tên đơn vị",
    "Đơn vị",
    "Tên",
    "Tên cơ quan",
    "Cơ quan",
    "Tên tiếng Việt",
    "Tên đơn vị tiếng Việt",
    "Unit name",
    "Unit",
    "Name",
    "Vietnamese name",
    "Name in Vietnamese",
  ],
  nameEn: [
    "Tên tiếng Anh",
    "Tên đơn vị tiếng Anh",
    "Tên bằng tiếng Anh",
    "Tên đơn vị bằng tiếng Anh",
    "English name",
    "Name in English",
    "Unit name in English",
    "English unit name",
  ],
  kind: ["Loại", "Loại đơn vị", "Phân loại", "Kind", "Unit kind", "Type", "Unit type", "Category"],
  parentCode: [
    "Mã đơn vị cấp trên",
    "Đơn vị cấp trên",
    "Mã cấp trên",
    "Cấp trên",
    "Mã đơn vị chủ quản",
    "Đơn vị chủ quản",
    "Parent code",
    "Parent unit code",
    "Parent unit",
    "Parent",
  ],
};

const LOOKUP: ReadonlyMap<string, UnitListField> = new Map(
  Object.entries(ALIASES).flatMap(([field, names]) =>
    names.flatMap((name) => [
      [foldText(name), field as UnitListField],
      [headerKey(name), field as UnitListField],
    ]),
  ),
);

/**
 * The field a header names. The folded text is tried before the decorations are dropped:
 * "Tên đơn vị (tiếng Anh)" is the English name, not a second "Tên đơn vị".
 */
export function unitListField(text: string): UnitListField | null {
  const folded = foldText(text);
  if (folded === "") return null;
  return LOOKUP.get(folded) ?? LOOKUP.get(headerKey(text)) ?? null;
}

export interface UnitListHeader {
  /** 1-based row number of the header; data starts below it. */
  readonly rowNumber: number;
  /** Column index and header text as written, by field. */
  readonly columns: ReadonlyMap<UnitListField, { index: number; header: string }>;
  readonly ignoredColumns: readonly string[];
  readonly missing: readonly UnitListField[];
}

/** Fewer known columns than this and a row is not taken for a header. */
const MIN_MATCHED = 2;

function matchRow(row: SheetRow): UnitListHeader | null {
  const columns = new Map<UnitListField, { index: number; header: string }>();
  const ignoredColumns: string[] = [];
  row.cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === null) return;
    const field = unitListField(header);
    if (field !== null && !columns.has(field)) columns.set(field, { index, header });
    else ignoredColumns.push(header);
  });
  const missing = UNIT_LIST_REQUIRED.filter((field) => !columns.has(field));
  if (columns.size < MIN_MATCHED || missing.length === UNIT_LIST_REQUIRED.length) return null;
  return { rowNumber: row.number, columns, ignoredColumns, missing };
}

function rank(header: UnitListHeader): number {
  // Required columns first, then every other known one.
  return (UNIT_LIST_REQUIRED.length - header.missing.length) * 100 + header.columns.size;
}

/** The row among `rows` naming the most known columns (the earliest on a tie); null when none does. */
export function findUnitListHeader(rows: readonly SheetRow[]): UnitListHeader | null {
  let best: UnitListHeader | null = null;
  for (const row of rows) {
    const match = matchRow(row);
    if (match && (!best || rank(match) > rank(best))) best = match;
  }
  return best;
}

/** How well the best header candidate reads: 0 when there is none (guides the CSV delimiter). */
export function unitListHeaderScore(rows: readonly SheetRow[]): number {
  const header = findUnitListHeader(rows);
  return header ? rank(header) : 0;
}
