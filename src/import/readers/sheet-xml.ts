// The rows of a worksheet's XML (xl/worksheets/sheetN.xml), read as it streams in. Only
// what the import needs is looked at: each row's number and its cells' values. exceljs
// builds a Row, Cells, Values and a style for every cell, and a SAX event for every tag:
// at 60,000 rows that is most of the time and the memory; this reads the same XML with a
// few regular expressions per row.

import { StringDecoder } from "node:string_decoder";
import { composed } from "../text.js";
import { wallClockFromExcelSerial, wallClockFromUtcFields } from "../wall-clock.js";
import { checkedCellText, FileLimitError, megabytes, READ_LIMITS, RowBudget } from "./limits.js";
import type { CellValue, SheetRow } from "./types.js";

/** What the workbook around the sheet tells about its cells. */
export interface SheetContext {
  /** One copy of each distinct text written in the cells themselves (not as shared strings). */
  readonly texts?: TextPool;
  /** The workbook's shared strings (cells of type "s" point into it). */
  sharedString(index: number): CellValue;
  /** The style applies a date format: the number is a serial date. */
  isDateStyle(styleId: number): boolean;
  date1904: boolean;
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const VALUE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
const TEXT = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name] ?? entity;
    const code = decimal ? Number(decimal) : Number.parseInt(hex ?? "", 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** "AB12" -> 27 (0-based column index); -1 when the reference is not a cell address. */
export function columnIndex(reference: string): number {
  let index = 0;
  let letters = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code >= 65 && code <= 90) index = index * 26 + (code - 64);
    else if (code >= 97 && code <= 122) index = index * 26 + (code - 96);
    else break;
    letters += 1;
  }
  return letters === 0 ? -1 : index - 1;
}

/** One attribute's value in a tag's attribute text (`r="A5" s="3" t="s"`), without a regex per call. */
function attribute(text: string, name: "r" | "s" | "t"): string | undefined {
  const marker = `${name}="`;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    const before = text.charCodeAt(at - 1);
    // Preceded by white space (or nothing): "r=", not the tail of "attr=".
    if (at === 0 || before === 32 || before === 9 || before === 10 || before === 13) {
      const start = at + marker.length;
      const end = text.indexOf('"', start);
      return end < 0 ? undefined : text.slice(start, end);
    }
  }
  return undefined;
}

/** Texts of a column looked up before it is judged worth pooling. */
const POOL_TRIAL = 512;

interface ColumnPool {
  texts: Map<string, string> | null;
  lookups: number;
  hits: number;
}

/**
 * Keeps one copy of each distinct text: a unit's or a procedure's name repeated on 60,000
 * rows is then held once, as a shared-strings table would hold it. A column whose texts
 * seldom repeat (dossier codes, applicants' names) stops being pooled after a trial: its
 * pool would hold every row's text for as long as the sheet is read.
 */
export class TextPool {
  private readonly columns = new Map<number, ColumnPool>();

  constructor(private readonly limit = 200_000) {}

  intern(text: string, column = -1): string {
    let pool = this.columns.get(column);
    if (!pool) {
      pool = { texts: new Map(), lookups: 0, hits: 0 };
      this.columns.set(column, pool);
    }
    const texts = pool.texts;
    if (!texts) return detached(composed(text));
    pool.lookups += 1;
    const known = texts.get(text);
    if (known !== undefined) {
      pool.hits += 1;
      return known;
    }
    // The key too must be a copy: the text itself is a view into the chunk.
    const key = detached(text);
    const kept = composed(key);
    if (pool.lookups >= POOL_TRIAL && pool.hits * 2 < pool.lookups) pool.texts = null;
    else if (texts.size < this.limit) texts.set(key, kept);
    return kept;
  }
}

/**
 * A copy of a piece of the XML text. V8 keeps a substring as a view into its parent: a kept
 * cell text would otherwise hold the whole 64 KiB chunk it was cut from in memory.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

function keep(text: string, context: SheetContext, column: number): string {
  return context.texts ? context.texts.intern(text, column) : detached(composed(text));
}

function inlineText(body: string, context: SheetContext, column: number, row: number): string {
  let text = "";
  for (const match of body.matchAll(TEXT)) text += match[1] ?? "";
  return keep(checkedCellText(decodeXmlText(text), row), context, column);
}

function cellValue(
  type: string | undefined,
  style: number,
  body: string,
  context: SheetContext,
  column: number,
  row: number,
): CellValue {
  if (type === "inlineStr") return inlineText(body, context, column, row);
  const raw = VALUE.exec(body)?.[1];
  if (raw === undefined) return null;
  switch (type) {
    case "s": {
      const index = Number(raw);
      return Number.isInteger(index) ? context.sharedString(index) : null;
    }
    case "str":
    case "e":
      return keep(checkedCellText(decodeXmlText(raw), row), context, column);
    case "b":
      return raw.trim() === "1" || raw.trim().toLowerCase() === "true";
    case "d": {
      // An ISO date cell: its digits are the wall clock.
      const date = new Date(`${raw.trim().replace(/Z$/i, "")}Z`);
      return Number.isNaN(date.getTime()) ? decodeXmlText(raw) : wallClockFromUtcFields(date);
    }
    default: {
      const number = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(number)) return null;
      if (context.isDateStyle(style)) return wallClockFromExcelSerial(number, context.date1904) ?? number;
      return number;
    }
  }
}

/** The rows in one stretch of sheet XML holding whole <row> elements. */
export function rowsInXml(xml: string, context: SheetContext, previousRow = 0): SheetRow[] {
  const rows: SheetRow[] = [];
  let rowNumber = previousRow;
  for (const row of xml.matchAll(ROW)) {
    const declared = Number(attribute(row[1] ?? "", "r"));
    rowNumber = Number.isInteger(declared) && declared > 0 ? declared : rowNumber + 1;
    const cells: CellValue[] = [];
    let column = -1;
    for (const cell of (row[2] ?? "").matchAll(CELL)) {
      const tag = cell[1] ?? "";
      const body = cell[2] ?? "";
      const reference = attribute(tag, "r");
      const declaredColumn = reference === undefined ? -1 : columnIndex(reference);
      column = declaredColumn >= 0 ? declaredColumn : column + 1;
      if (body === "") continue;
      const style = attribute(tag, "s");
      const value = cellValue(
        attribute(tag, "t"),
        style === undefined ? 0 : Number(style),
        body,
        context,
        column,
        rowNumber,
      );
      if (value === null) continue;
      while (cells.length < column) cells.push(null);
      cells[column] = value;
    }
    rows.push({ number: rowNumber, cells });
  }
  return rows;
}

/**
 * The sheet's rows as its XML streams in, a batch per chunk: the text is cut after the last
 * complete row, the rest waits for the next chunk. Within `READ_LIMITS`: a row's XML that
 * never ends, a sheet of more rows or more XML than any month holds, is refused as it streams.
 */
export async function* streamSheetRows(
  chunks: AsyncIterable<Buffer | string>,
  context: SheetContext,
  limits: Pick<typeof READ_LIMITS, "maxRows" | "maxRowChars" | "maxInflatedBytes"> = READ_LIMITS,
): AsyncGenerator<SheetRow[]> {
  const decoder = new StringDecoder("utf8");
  const budget = new RowBudget(limits.maxRows);
  let pending = "";
  let lastRow = 0;
  let received = 0;
  for await (const chunk of chunks) {
    received += chunk.length;
    if (received > limits.maxInflatedBytes) {
      throw new FileLimitError("inflatesTooMuch", megabytes(limits.maxInflatedBytes));
    }
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk);
    const end = lastRowEnd(pending);
    if (end < 0) {
      if (pending.length > limits.maxRowChars)
        throw new FileLimitError("rowTooLong", limits.maxRowChars, lastRow + 1);
      continue;
    }
    const rows = rowsInXml(pending.slice(0, end), context, lastRow);
    pending = pending.slice(end);
    if (pending.length > limits.maxRowChars)
      throw new FileLimitError("rowTooLong", limits.maxRowChars, lastRow + 1);
    if (rows.length > 0) {
      lastRow = rows[rows.length - 1]?.number ?? lastRow;
      budget.take(rows.length, lastRow);
      yield rows;
    }
  }
  pending += decoder.end();
  const rows = rowsInXml(pending, context, lastRow);
  budget.take(rows.length, rows.at(-1)?.number ?? lastRow);
  if (rows.length > 0) yield rows;
}

/** Where the last complete row ends ("</row>" or a self-closing "<row .../>"), or -1. */
function lastRowEnd(text: string): number {
  const closed = text.lastIndexOf("</row>");
  const closedEnd = closed < 0 ? -1 : closed + "</row>".length;
  const open = text.lastIndexOf("<row");
  if (open > closedEnd) {
    const tagEnd = text.indexOf(">", open);
    if (tagEnd > 0 && text[tagEnd - 1] === "/") return tagEnd + 1;
  }
  return closedEnd;
}
