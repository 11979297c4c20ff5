// Legacy .xls (BIFF8) writing. SheetJS writes BIFF8 correctly but allocates a fresh 16 KB
// block per cell record: 60,000 rows take minutes and gigabytes. So SheetJS writes the frame
// (titles, header, the first data rows, the total row, styles, merges, the OLE container) and
// the remaining data rows are spliced in as plain NUMBER and LABEL records with the cell
// formats (XF indexes) SheetJS gave the same columns. Same file, in about a second.
import * as XLSX from "@e965/xlsx";
import { toDayNumber } from "../domain/working-days.js";
import type { Cell, Table } from "./write.js";

const DATE_FORMAT = "dd/mm/yyyy";
const SCORE_FORMAT = "0.0";
/** BIFF8 holds at most 65,536 rows. */
export const XLS_MAX_ROWS = 65_536;
/** Excel's serial of 1970-01-01 in the 1900 date system. */
const EXCEL_UNIX_EPOCH = 25_569;
/** BIFF8's LABEL holds up to 255 characters (SheetJS cuts there too). */
const LABEL_MAX = 255;

const BOF = 0x0809;
const NUMBER = 0x0203;
const LABEL = 0x0204;
const CELL_RECORDS = new Set([0x0201, NUMBER, LABEL, 0x00fd, 0x0205, 0x0006, 0x027e, 0x00bd, 0x00be]);

type CellClass = "text" | "int" | "score" | "date";

function classOf(cell: Cell): CellClass | null {
  if (cell === null) return null;
  if (typeof cell === "string") return "text";
  if (typeof cell === "number") return "int";
  return "date" in cell ? "date" : "score";
}

function sheetJsCell(cell: Cell): XLSX.CellObject | null {
  if (cell === null) return null;
  if (typeof cell === "string") return { t: "s", v: cell };
  if (typeof cell === "number") return { t: "n", v: cell };
  if ("date" in cell) return { t: "n", v: toDayNumber(cell.date) + EXCEL_UNIX_EPOCH, z: DATE_FORMAT };
  return { t: "n", v: cell.tenths / 10, z: SCORE_FORMAT };
}

function numberOf(cell: Exclude<Cell, string | null>): number {
  if (typeof cell === "number") return cell;
  return "date" in cell ? toDayNumber(cell.date) + EXCEL_UNIX_EPOCH : cell.tenths / 10;
}

/** How many leading data rows show every (column, kind of cell) the table has: SheetJS writes those. */
function framePrefix(rows: readonly Cell[][]): number {
  const seen = new Set<string>();
  let prefix = rows.length > 0 ? 1 : 0;
  rows.forEach((row, index) => {
    row.forEach((cell, column) => {
      const kind = classOf(cell);
      if (kind === null) return;
      const key = `${column}|${kind}`;
      if (!seen.has(key)) {
        seen.add(key);
        prefix = Math.max(prefix, index + 1);
      }
    });
  });
  return prefix;
}

export function xlsBytes(table: Table, headerRowNumber: number): Buffer {
  const width = table.header.length;
  const totalRows = headerRowNumber + table.rows.length + (table.footer ? 1 : 0);
  if (totalRows > XLS_MAX_ROWS) {
    throw new RangeError(`an .xls sheet holds at most ${XLS_MAX_ROWS} rows; this one needs ${totalRows}`);
  }
  const headerIndex = headerRowNumber - 1; // 0-based
  const prefix = framePrefix(table.rows);

  // 1. The frame, written by SheetJS.
  const sheet: XLSX.WorkSheet = {};
  const merges: XLSX.Range[] = [];
  const put = (r: number, cells: readonly Cell[]) => {
    cells.forEach((cell, c) => {
      const object = sheetJsCell(cell);
      if (object) sheet[XLSX.utils.encode_cell({ r, c })] = object;
    });
  };
  table.titleRows.forEach((title, r) => {
    merges.push({ s: { r, c: 0 }, e: { r, c: width - 1 } });
    put(r, [title]);
  });
  put(headerIndex, table.header);
  for (let i = 0; i < prefix; i += 1) put(headerIndex + 1 + i, table.rows[i] as Cell[]);
  const lastRow = totalRows - 1;
  if (table.footer) {
    merges.push({ s: { r: lastRow, c: 0 }, e: { r: lastRow, c: 1 } });
    put(lastRow, table.footer);
  }
  sheet["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: width - 1 } });
  sheet["!merges"] = merges;
  sheet["!cols"] = table.widths.map((wch) => ({ wch }));
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, table.sheetName.slice(0, 31));
  const frame = XLSX.write(workbook, { type: "buffer", bookType: "xls" }) as Buffer;
  if (prefix >= table.rows.length) return frame;

  // 2. The frame's records: where the written data rows end, and the XF of each column's cells.
  const cfb = XLSX.CFB.read(frame, { type: "buffer" });
  const entry = XLSX.CFB.find(cfb, "Workbook");
  if (!entry?.content) throw new Error("SheetJS wrote no Workbook stream");
  const stream = Buffer.from(entry.content as Uint8Array);
  const lastFrameRow = headerIndex + prefix;
  const xf = new Map<string, number>();
  let bofs = 0;
  let insertAt = -1;
  for (let offset = 0; offset + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(offset);
    const length = stream.readUInt16LE(offset + 2);
    const end = offset + 4 + length;
    if (type === BOF) bofs += 1;
    if (bofs === 2 && CELL_RECORDS.has(type)) {
      const row = stream.readUInt16LE(offset + 4);
      const column = stream.readUInt16LE(offset + 6);
      const ixfe = stream.readUInt16LE(offset + 8);
      if (row > headerIndex && row <= lastFrameRow) {
        const kind = classOf(table.rows[row - headerIndex - 1]?.[column] ?? null);
        if (kind) xf.set(`${column}|${kind}`, ixfe);
      }
      if (row <= lastFrameRow) insertAt = end;
    }
    offset = end;
  }
  if (insertAt < 0) throw new Error("no data row found in the frame SheetJS wrote");

  // 3. The other rows as NUMBER / LABEL records, spliced in after the frame's data rows.
  const records: Buffer[] = [];
  for (let i = prefix; i < table.rows.length; i += 1) {
    const row = headerIndex + 1 + i;
    const cells = table.rows[i] as Cell[];
    let size = 0;
    for (const cell of cells) {
      if (cell === null) continue;
      size += typeof cell === "string" ? 4 + 9 + 2 * Math.min(cell.length, LABEL_MAX) : 4 + 14;
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    cells.forEach((cell, column) => {
      const kind = classOf(cell);
      if (cell === null || kind === null) return;
      const ixfe = xf.get(`${column}|${kind}`);
      if (ixfe === undefined) throw new Error(`no cell format learnt for column ${column} (${kind})`);
      if (typeof cell === "string") {
        const text = cell.slice(0, LABEL_MAX);
        at = out.writeUInt16LE(LABEL, at);
        at = out.writeUInt16LE(9 + 2 * text.length, at);
        at = out.writeUInt16LE(row, at);
        at = out.writeUInt16LE(column, at);
        at = out.writeUInt16LE(ixfe, at);
        at = out.writeUInt16LE(text.length, at);
        at = out.writeUInt8(1, at); // UTF-16LE characters
        at += out.write(text, at, "utf16le");
      } else {
        at = out.writeUInt16LE(NUMBER, at);
        at = out.writeUInt16LE(14, at);
        at = out.writeUInt16LE(row, at);
        at = out.writeUInt16LE(column, at);
        at = out.writeUInt16LE(ixfe, at);
        at = out.writeDoubleLE(numberOf(cell), at);
      }
    });
    records.push(out);
  }
  const spliced = Buffer.concat([stream.subarray(0, insertAt), ...records, stream.subarray(insertAt)]);
  XLSX.CFB.utils.cfb_add(cfb, "Workbook", spliced);
  return XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer;
}
