// A unit list with codes, read and checked without touching the database: the header found
// under the title rows, every data row through its zod schema, then duplicates within the
// file. What the database already holds is checked by `planUnitList` (unit-list-plan.ts).

import { z } from "zod";
import { normalizeName } from "../domain/names.js";
import type { UnitKind } from "../domain/unit-kind.js";
import { HEADER_SEARCH_ROWS } from "./parse.js";
import { openSheets } from "./readers/index.js";
import { type CellValue, type SheetRow, type SheetSource, UnreadableFileError } from "./readers/types.js";
import { isBlankRow, isColumnNumberRow } from "./row-filters.js";
import { optionalCell, requiredCell } from "./row-schema.js";
import { cellText } from "./text.js";
import type { RowError } from "./types.js";
import {
  findUnitListHeader,
  UNIT_LIST_FIELDS,
  type UnitListField,
  type UnitListHeader,
  unitListHeaderScore,
} from "./unit-list-headers.js";
import { parseUnitKind } from "./unit-list-kind.js";
import type { ErrorParams, Parsed } from "./values.js";

export const CODE_MAX_LENGTH = 64;
export const NAME_MAX_LENGTH = 300;

export interface UnitListRow {
  /** 1-based row number in the file (CSV: the line the record starts on). */
  row: number;
  code: string;
  nameVi: string;
  normalizedName: string;
  nameEn: string | null;
  /** Null when the cell is empty: guessed for a new unit, kept for a known one. */
  kind: UnitKind | null;
  parentCode: string | null;
}

export type UnitListColumns = Partial<Record<UnitListField, string>>;

export interface ParsedUnitList {
  /** The rows without errors. */
  rows: UnitListRow[];
  /** Every code written in the file, rows with errors included: a parent named there is not unknown. */
  codesInFile: ReadonlySet<string>;
  /** Data rows read (blank rows aside). */
  rowCount: number;
  headerRow: number | null;
  /** The header text as written, for each field the file has a column for. */
  columns: UnitListColumns;
  ignoredColumns: string[];
  errors: RowError[];
}

const DASHES = new Set(["-", "–", "—"]);

function text(max: number) {
  return (cell: CellValue): Parsed<string | null> => {
    const value = cellText(cell);
    if (value === null || DASHES.has(value)) return { ok: true, value: null };
    if (value.length > max) return { ok: false, code: "tooLong", params: { max } };
    return { ok: true, value };
  };
}

function unitName(cell: CellValue): Parsed<string | null> {
  const parsed = text(NAME_MAX_LENGTH)(cell);
  if (parsed.ok && parsed.value !== null && normalizeName(parsed.value) === "") {
    return { ok: false, code: "invalidName" };
  }
  return parsed;
}

export const unitListRowSchema = z.object({
  code: requiredCell(text(CODE_MAX_LENGTH)),
  nameVi: requiredCell(unitName),
  nameEn: optionalCell(text(NAME_MAX_LENGTH)),
  kind: optionalCell(parseUnitKind),
  parentCode: optionalCell(text(CODE_MAX_LENGTH)),
});

type RowCells = Record<Exclude<UnitListField, "stt">, CellValue>;
const VALUE_FIELDS = UNIT_LIST_FIELDS.filter((field) => field !== "stt");

/**
 * Reads a unit list (.xlsx, .xls or CSV, told apart by content) and checks each row and
 * the file as a whole. Never throws for a bad file: the problems are in `errors`.
 */
export async function parseUnitList(bytes: Buffer): Promise<ParsedUnitList> {
  try {
    const { sheets } = await openSheets(bytes, unitListHeaderScore);
    for await (const sheet of sheets) {
      const rows = await readAllRows(sheet);
      const head = rows.filter((row) => !isBlankRow(row)).slice(0, HEADER_SEARCH_ROWS);
      const header = findUnitListHeader(head);
      if (header) return readTable(rows, header);
    }
    return failed({
      row: null,
      column: null,
      value: null,
      code: "noHeader",
      params: { rows: HEADER_SEARCH_ROWS },
    });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return failed({ row: error.row, column: null, value: null, code: "unreadableFile" });
  }
}

async function readAllRows(sheet: SheetSource): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of sheet.rows) rows.push(...batch);
  return rows;
}

function failed(error: RowError, header: UnitListHeader | null = null): ParsedUnitList {
  return {
    rows: [],
    codesInFile: new Set(),
    rowCount: 0,
    headerRow: header?.rowNumber ?? null,
    columns: header ? columnHeaders(header) : {},
    ignoredColumns: header ? [...header.ignoredColumns] : [],
    errors: [error],
  };
}

function columnHeaders(header: UnitListHeader): UnitListColumns {
  return Object.fromEntries([...header.columns].map(([field, column]) => [field, column.header]));
}

function readTable(rows: readonly SheetRow[], header: UnitListHeader): ParsedUnitList {
  const missing = header.missing.map(
    (field): RowError => ({
      row: header.rowNumber,
      column: null,
      value: null,
      code: "missingColumn",
      params: { field },
    }),
  );
  const [firstMissing, ...otherMissing] = missing;
  if (firstMissing) return { ...failed(firstMissing, header), errors: [firstMissing, ...otherMissing] };

  const columns = columnHeaders(header);
  const checks = new DuplicateChecks(columns);
  const errors: RowError[] = [];
  const parsedRows: UnitListRow[] = [];
  const codesInFile = new Set<string>();
  let rowCount = 0;
  for (const row of rows) {
    if (row.number <= header.rowNumber) continue;
    const cells = rowCells(row, header);
    if (VALUE_FIELDS.every((field) => cellText(cells[field]) === null)) continue;
    if (rowCount === 0 && isColumnNumberRow(row)) continue;
    rowCount += 1;
    const code = cellText(cells.code);
    if (code !== null) codesInFile.add(code);
    const read = readUnitListRow(row.number, cells, columns);
    if ("errors" in read) {
      errors.push(...read.errors);
      continue;
    }
    const duplicate = checks.check(read.row);
    if (duplicate) errors.push(duplicate);
    else parsedRows.push(read.row);
  }
  return {
    rows: parsedRows,
    codesInFile,
    rowCount,
    headerRow: header.rowNumber,
    columns,
    ignoredColumns: [...header.ignoredColumns],
    errors,
  };
}

function rowCells(row: SheetRow, header: UnitListHeader): RowCells {
  const cell = (field: UnitListField): CellValue => {
    const column = header.columns.get(field);
    return column === undefined ? null : (row.cells[column.index] ?? null);
  };
  return {
    code: cell("code"),
    nameVi: cell("nameVi"),
    nameEn: cell("nameEn"),
    kind: cell("kind"),
    parentCode: cell("parentCode"),
  };
}

/** One data row checked: the row, or what is wrong with it (every cell's problem). */
export function readUnitListRow(
  rowNumber: number,
  cells: RowCells,
  columns: UnitListColumns,
): { row: UnitListRow } | { errors: RowError[] } {
  const parsed = unitListRowSchema.safeParse(cells);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => issueToError(issue, rowNumber, cells, columns)) };
  }
  const values = parsed.data;
  return {
    row: { row: rowNumber, ...values, normalizedName: normalizeName(values.nameVi) },
  };
}

function issueToError(
  issue: z.core.$ZodIssue,
  rowNumber: number,
  cells: RowCells,
  columns: UnitListColumns,
): RowError {
  const field = issue.path[0] as keyof RowCells | undefined;
  const { code, ...params } = ((issue as { params?: ErrorParams }).params ?? {
    code: "invalidValue",
  }) as ErrorParams & { code: string };
  const error: RowError = {
    row: rowNumber,
    column: field === undefined ? null : (columns[field] ?? null),
    value: field === undefined ? null : cellText(cells[field] ?? null),
    code: String(code),
  };
  return Object.keys(params).length > 0 ? { ...error, params } : error;
}

/** A code or a (normalized) name written twice in the file: the second is the error. */
class DuplicateChecks {
  private readonly codes = new Map<string, number>();
  private readonly names = new Map<string, number>();

  constructor(private readonly columns: UnitListColumns) {}

  check(row: UnitListRow): RowError | null {
    const codeRow = this.codes.get(row.code);
    if (codeRow !== undefined) return this.error(row, "code", row.code, "duplicateCode", codeRow);
    const nameRow = this.names.get(row.normalizedName);
    if (nameRow !== undefined) return this.error(row, "nameVi", row.nameVi, "duplicateName", nameRow);
    this.codes.set(row.code, row.row);
    this.names.set(row.normalizedName, row.row);
    return null;
  }

  private error(
    row: UnitListRow,
    field: UnitListField,
    value: string,
    code: string,
    firstRow: number,
  ): RowError {
    return { row: row.row, column: this.columns[field] ?? null, value, code, params: { firstRow } };
  }
}
