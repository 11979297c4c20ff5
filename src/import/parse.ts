// A monthly portal export read and checked, without touching the database: the header
// found under the title rows, every data row through its zod schema, then the whole-batch
// checks. Problems with the file come back as RowErrors; only a misconfiguration throws.

import { DEFAULT_MAX_ERRORS, DossierBatchChecks, ErrorLog, ScoreBatchChecks } from "./checks.js";
import {
  DOSSIER_VALUE_FIELDS,
  type DossierRowCells,
  dossierRowSchema,
  readDossierRow,
} from "./dossier-rows.js";
import {
  DOSSIER_FIELDS,
  findHeader,
  type HeaderField,
  type HeaderMatch,
  headerScore,
  likelyKind,
  SCORE_FIELDS,
} from "./headers.js";
import { openSheets } from "./readers/index.js";
import { FileLimitError } from "./readers/limits.js";
import { type CellValue, type SheetRow, type SheetSource, UnreadableFileError } from "./readers/types.js";
import { isBlankRow, isColumnNumberRow, isLabelRow, isTotalRow } from "./row-filters.js";
import { readScoreRow, SCORE_VALUE_FIELDS, type ScoreRowCells } from "./score-rows.js";
import { foldText } from "./text.js";
import { readTitleRows } from "./title-rows.js";
import type {
  DossierRow,
  ImportKind,
  ImportWarning,
  ParsedFile,
  ParseOptions,
  RowError,
  SheetMeta,
  UnitScoreRow,
} from "./types.js";
import { assertTimeZone } from "./wall-clock.js";

export type { DossierRowSink, ParsedFile, ParseOptions } from "./types.js";

/** The header is looked for among this many first (non-blank) rows of each sheet. */
export const HEADER_SEARCH_ROWS = 20;
const PROGRESS_EVERY = 1000;
/** Valid rows handed to a `DossierRowSink` at a time. */
export const STREAM_BATCH_ROWS = 2000;
/** Skipped rows listed in a warning before "…". */
const LISTED_ROWS = 10;

export interface ImportFileInput {
  fileName: string;
  bytes: Buffer;
}

/**
 * Reads a unit score sheet or an overdue-dossier list (.xlsx, .xls or CSV, told apart by
 * content) and checks it row by row and as a whole. Never throws for a bad file: the
 * problems are in `errors` (capped at `maxErrors`, then one `tooManyErrors` entry with the
 * total). Rows with errors are left out of `rows`; `rowCount` counts every data row read.
 * Throws only for a bad `timeZone`.
 */
export async function parseImportFile(input: ImportFileInput, options: ParseOptions): Promise<ParsedFile> {
  assertTimeZone(options.timeZone);
  const errors = new ErrorLog(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const headsWithoutHeader: SheetRow[] = [];
  // A file that breaks off below its header (past a reading limit) is still of the header's kind.
  let found: HeaderMatch | null = null;
  try {
    const { sheets } = await openSheets(input.bytes, headerScore);
    for await (const sheet of sheets) {
      const batches = sheet.rows[Symbol.asyncIterator]();
      const { head, buffered } = await readHead(batches);
      const header = findHeader(head);
      found = header;
      if (header) return await readTable({ input, options, sheet, batches, head, buffered, header, errors });
      headsWithoutHeader.push(...head);
      await batches.return?.(undefined);
    }
    errors.add({
      row: null,
      column: null,
      value: null,
      code: "noHeader",
      params: { rows: HEADER_SEARCH_ROWS },
    });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    errors.add(readingError(error));
  }
  return emptyResult(input.fileName, found?.kind ?? likelyKind(headsWithoutHeader), errors);
}

/** Why a file could not be read: the limit it went past (see readers/limits.ts), or unreadable. */
function readingError(error: UnreadableFileError): RowError {
  if (error instanceof FileLimitError) {
    return { row: error.row, column: null, value: null, code: error.code, params: { max: error.max } };
  }
  return { row: error.row, column: null, value: null, code: "unreadableFile" };
}

/**
 * The kind of a file as its header (or, without one, its first rows) tells, its data rows left
 * unread: an import takes score sheets first, whatever order the files came in.
 */
export async function readImportKind(input: ImportFileInput): Promise<ImportKind> {
  const heads: SheetRow[] = [];
  try {
    const { sheets } = await openSheets(input.bytes, headerScore);
    for await (const sheet of sheets) {
      const batches = sheet.rows[Symbol.asyncIterator]();
      const { head } = await readHead(batches);
      await batches.return?.(undefined);
      const header = findHeader(head);
      if (header) return header.kind;
      heads.push(...head);
    }
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
  }
  return likelyKind(heads);
}

/** The first non-blank rows, where the header is looked for, and every row read to find them. */
async function readHead(
  batches: AsyncIterator<readonly SheetRow[]>,
): Promise<{ head: SheetRow[]; buffered: SheetRow[] }> {
  const head: SheetRow[] = [];
  const buffered: SheetRow[] = [];
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await batches.next();
    if (next.done) break;
    for (const row of next.value) {
      buffered.push(row);
      if (head.length < HEADER_SEARCH_ROWS && !isBlankRow(row)) head.push(row);
    }
  }
  return { head, buffered };
}

function emptyMeta(headerRow = 0): SheetMeta {
  return { period: null, asOf: null, ignoredColumns: [], headerRow };
}

function emptyResult(fileName: string, kind: ImportKind, errors: ErrorLog, meta = emptyMeta()): ParsedFile {
  const base = { fileName, meta, rowCount: 0, errors: errors.result(), warnings: [] };
  return kind === "UNIT_SCORES" ? { ...base, kind, rows: [] } : { ...base, kind, rows: [] };
}

interface TableInput {
  input: ImportFileInput;
  options: ParseOptions;
  sheet: SheetSource;
  batches: AsyncIterator<readonly SheetRow[]>;
  head: readonly SheetRow[];
  /** Rows read while looking for the header, the header's own included. */
  buffered: readonly SheetRow[];
  header: HeaderMatch;
  errors: ErrorLog;
}

/** What a kind of sheet does with each data row and at the end. */
interface TableKind<Row> {
  readonly fields: readonly HeaderField[];
  /** All blank in a row with some text: a heading or a note. */
  readonly valueFields: readonly HeaderField[];
  read(rowNumber: number, cells: Record<string, CellValue>): { row: Row } | { errors: RowError[] };
  check(row: Row): RowError | null;
  warnings(): ImportWarning[];
}

async function readTable(table: TableInput): Promise<ParsedFile> {
  const { input, options, header, errors } = table;
  const firstHeaderRow = header.rowNumbers[0] ?? header.rowNumber;
  const title = readTitleRows(
    table.head.filter((row) => row.number < firstHeaderRow),
    options.timeZone,
  );
  const meta: SheetMeta = {
    period: title.period,
    asOf: title.asOf,
    ignoredColumns: [...header.ignoredColumns],
    headerRow: header.rowNumber,
    columnHeaders: Object.fromEntries([...header.columns].map(([field, column]) => [field, column.header])),
  };
  if (header.missing.length > 0) {
    for (const field of header.missing) {
      errors.add({
        row: header.rowNumber,
        column: null,
        value: null,
        code: "missingColumn",
        params: { field },
      });
    }
    await table.batches.return?.(undefined);
    return emptyResult(input.fileName, header.kind, errors, meta);
  }
  if (header.kind === "UNIT_SCORES") {
    const provinceNames = options.provinceNames ?? [];
    const context = { columns: header.columns, provinceKeys: new Set(provinceNames.map(foldText)) };
    const checks = new ScoreBatchChecks(header.columns, provinceNames);
    const kind: TableKind<UnitScoreRow> = {
      fields: SCORE_FIELDS,
      valueFields: SCORE_VALUE_FIELDS,
      read: (rowNumber, cells) => readScoreRow(rowNumber, cells as ScoreRowCells, context),
      check: (row) => checks.check(row),
      warnings: () => checks.warnings(),
    };
    const read = await readDataRows(table, kind);
    return { fileName: input.fileName, kind: "UNIT_SCORES", meta, ...read, errors: errors.result() };
  }
  const context = {
    columns: header.columns,
    schema: dossierRowSchema(options.timeZone, table.sheet.date1904),
  };
  const checks = new DossierBatchChecks(header.columns);
  const sink = options.streamDossiers ? await options.streamDossiers(meta) : null;
  const kind: TableKind<DossierRow> = {
    fields: DOSSIER_FIELDS,
    valueFields: DOSSIER_VALUE_FIELDS,
    read: (rowNumber, cells) => readDossierRow(rowNumber, cells as DossierRowCells, context),
    check: (row) => checks.check(row),
    warnings: () => checks.warnings(),
  };
  const read = await readDataRows(table, kind, sink);
  return { fileName: input.fileName, kind: "OVERDUE_DOSSIERS", meta, ...read, errors: errors.result() };
}

/** The rows below the header: those read while looking for it, then the rest of the stream. */
async function* batchesBelowHeader(table: TableInput): AsyncGenerator<readonly SheetRow[]> {
  yield table.buffered.filter((row) => row.number > table.header.rowNumber);
  for (;;) {
    const next = await table.batches.next();
    if (next.done) return;
    yield next.value;
  }
}

class SkippedRows {
  private readonly numbers: number[] = [];
  private count = 0;

  constructor(private readonly code: string) {}

  add(row: number): void {
    this.count += 1;
    if (this.numbers.length < LISTED_ROWS) this.numbers.push(row);
  }

  warning(): ImportWarning[] {
    if (this.count === 0) return [];
    const rows = this.numbers.join(", ") + (this.count > this.numbers.length ? ", …" : "");
    return [{ code: this.code, params: { count: this.count, rows } }];
  }
}

/** The valid rows, kept in `rows`, or handed to `sink` batch by batch (and `rows` left empty). */
async function readDataRows<Row>(
  table: TableInput,
  kind: TableKind<Row>,
  sink: {
    check(row: Row): RowError | null;
    take(rows: Row[]): Promise<void>;
  } | null = null,
): Promise<{ rows: Row[]; rowCount: number; warnings: ImportWarning[] }> {
  const { header, errors, options } = table;
  const columns = [...header.columns.values()];
  const firstColumn = Math.min(...columns.map((column) => column.index));
  const sttIndex = header.columns.get("stt")?.index;
  const totals = new SkippedRows("totalRowsSkipped");
  const labels = new SkippedRows("labelRowsSkipped");
  let rows: Row[] = [];
  let rowCount = 0;
  let rowsRead = 0;
  const readRow = (row: SheetRow): void => {
    if (isBlankRow(row)) return;
    if (rowCount === 0 && isColumnNumberRow(row)) return;
    if (isTotalRow(row, firstColumn)) {
      totals.add(row.number);
      return;
    }
    const cells: Record<string, CellValue> = {};
    for (const field of kind.fields) {
      const column = header.columns.get(field);
      cells[field] = column === undefined ? null : (row.cells[column.index] ?? null);
    }
    const sttCell = sttIndex === undefined ? undefined : row.cells[sttIndex];
    const valueCells = kind.valueFields.map((field) => cells[field] ?? null);
    if (isLabelRow(row, valueCells, sttCell)) {
      labels.add(row.number);
      return;
    }
    rowCount += 1;
    const read = kind.read(row.number, cells);
    if ("errors" in read) {
      for (const error of read.errors) errors.add(error);
      return;
    }
    const duplicate = kind.check(read.row);
    if (duplicate) {
      errors.add(duplicate);
      return;
    }
    // Still handed on: the sink looks it up among the known dossiers (what it would leave listed).
    const refused = sink?.check(read.row);
    if (refused) errors.add(refused);
    rows.push(read.row);
  };
  for await (const batch of batchesBelowHeader(table)) {
    for (const row of batch) {
      rowsRead += 1;
      if (rowsRead % PROGRESS_EVERY === 0) options.onProgress?.(rowsRead);
      readRow(row);
    }
    if (sink && rows.length >= STREAM_BATCH_ROWS) {
      await sink.take(rows);
      rows = [];
    }
  }
  if (sink && rows.length > 0) {
    await sink.take(rows);
    rows = [];
  }
  options.onProgress?.(rowsRead);
  const warnings: ImportWarning[] = [];
  if (header.ignoredColumns.length > 0) {
    warnings.push({
      code: "columnsIgnored",
      params: { count: header.ignoredColumns.length, columns: header.ignoredColumns.join(", ") },
    });
  }
  warnings.push(...totals.warning(), ...labels.warning(), ...kind.warnings());
  return { rows, rowCount, warnings };
}
