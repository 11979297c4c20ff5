// Files built to hurt a reader, made on the fly: a zip bomb (an .xlsx whose sheet inflates a
// thousand times over), sheets and CSVs with more rows, longer rows or longer cells than any
// export, an .xls too large to load whole.
import { constants, deflateRawSync } from "node:zlib";
import {
  type DeflatedEntry,
  DOSSIER_HEADER_VI,
  TITLE_ROWS,
  xlsx,
  xlsxParts,
  zipInOrder,
} from "./fixtures.js";

const SHEET_PART = "xl/worksheets/sheet1.xml";
const MIB = 1024 * 1024;

/** Raw deflate of `text` that a following block may continue (no final block, dictionary reset). */
function openBlock(text: string | Buffer): Buffer {
  return deflateRawSync(text, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
}

function inlineCell(text: string): string {
  return `<c t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** The title rows and the dossier list's header, as sheet XML rows 1 to 5. */
function headRowsXml(): string {
  const rows = [
    ...TITLE_ROWS.map((row) => row.map((cell) => String(cell ?? ""))),
    DOSSIER_HEADER_VI.map(String),
  ];
  return rows.map((cells, index) => `<row r="${index + 1}">${cells.map(inlineCell).join("")}</row>`).join("");
}

const SHEET_START =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = "</sheetData></worksheet>";

/** A real (exceljs) workbook with its sheet replaced by `sheet`. */
async function workbookWithSheet(sheet: Buffer | DeflatedEntry): Promise<Buffer> {
  const parts = xlsxParts(await xlsx([["placeholder"]]));
  return zipInOrder(parts.map(([name, content]) => [name, name === SHEET_PART ? sheet : content] as const));
}

/**
 * An .xlsx whose sheet, after the header, holds `inflatedMb` MB of blanks: a megabyte of
 * spaces deflates to about a kilobyte, repeated. `statedMb` is the size its zip claims (a
 * bomb lies). 20,000 MB inflated makes a zip of about 20 MB.
 */
export async function zipBombXlsx(inflatedMb: number, statedMb = 1): Promise<Buffer> {
  const filler = openBlock(Buffer.alloc(MIB, 0x20));
  const deflated = Buffer.concat([
    openBlock(`${SHEET_START}${headRowsXml()}<row r="6">`),
    ...Array.from({ length: inflatedMb }, () => filler),
    deflateRawSync(`</row>${SHEET_END}`),
  ]);
  return workbookWithSheet({ deflated, statedSize: statedMb * MIB });
}

/** An .xlsx of the header then `rows` empty rows (`<row/>`). */
export async function manyRowsXlsx(rows: number): Promise<Buffer> {
  const xml = `${SHEET_START}${headRowsXml()}${"<row/>".repeat(rows)}${SHEET_END}`;
  return workbookWithSheet({ deflated: deflateRawSync(xml), statedSize: xml.length });
}

/** An .xlsx whose row 6 holds a cell of `length` characters. */
export async function longCellXlsx(length: number): Promise<Buffer> {
  const xml = `${SHEET_START}${headRowsXml()}<row r="6">${inlineCell("x".repeat(length))}</row>${SHEET_END}`;
  return workbookWithSheet(Buffer.from(xml));
}

/** An .xlsx whose row 6 never ends: `length` characters of one cell with no closing tag. */
export async function endlessRowXlsx(length: number): Promise<Buffer> {
  const xml = `${SHEET_START}${headRowsXml()}<row r="6"><c t="inlineStr"><is><t>${"x".repeat(length)}`;
  return workbookWithSheet({ deflated: deflateRawSync(xml), statedSize: xml.length });
}

function csvText(lines: readonly string[]): Buffer {
  const head = [
    ...TITLE_ROWS.map((row) => row.map((cell) => String(cell ?? "")).join(",")),
    DOSSIER_HEADER_VI.join(","),
  ];
  return Buffer.from([...head, ...lines].join("\n"), "utf8");
}

/** A CSV of the header then `rows` blank lines. */
export function manyRowsCsv(rows: number): Buffer {
  return Buffer.concat([csvText([]), Buffer.alloc(rows, "\n")]);
}

/** A CSV whose first data line holds an unclosed quote and `length` characters after it. */
export function unclosedQuoteCsv(length: number): Buffer {
  return csvText([`1,"HS-1${"x".repeat(length)}`]);
}

/** A CSV whose first data line holds a cell of `length` characters. */
export function longCellCsv(length: number): Buffer {
  return csvText([`1,HS-1,${"x".repeat(length)}`]);
}

/** `bytes` long, starting as a binary .xls (OLE2) does: refused before SheetJS reads it. */
export function largeXls(bytes: number): Buffer {
  const file = Buffer.alloc(bytes);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file);
  return file;
}

/** An HTML table saved as ".xls", `bytes` long. */
export function largeHtmlXls(bytes: number): Buffer {
  const row = "<tr><td>HS-1</td><td>Cấp phép</td></tr>\n";
  return Buffer.from(`<html><body><table>${row.repeat(Math.ceil(bytes / row.length))}</table></body></html>`);
}
