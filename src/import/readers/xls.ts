import * as XLSX from "@e965/xlsx";
import { composed } from "../text.js";
import { wallClockFromExcelSerial, wallClockFromUtcFields } from "../wall-clock.js";
import { checkedCellText, RowBudget } from "./limits.js";
import { type CellValue, type SheetRow, type SheetSource, UnreadableFileError } from "./types.js";

/**
 * The sheets of a legacy workbook read by SheetJS: a binary .xls (BIFF, at most 65,536
 * rows, so reading it whole is fine), or the HTML / XML tables some portals save as ".xls".
 */
export async function* readXlsSheets(input: Buffer | string): AsyncGenerator<SheetSource> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(input, {
      type: typeof input === "string" ? "string" : "buffer",
      dense: true,
      // Raw serials plus their number formats: dates are told apart here, free of the process zone.
      cellDates: false,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      // Text stays text: "04/05/2025" in an HTML table must not become a US-style date.
      raw: true,
    });
  } catch (error) {
    throw new UnreadableFileError(`not a readable xls workbook: ${String(error)}`);
  }
  if (workbook.SheetNames.length === 0) throw new UnreadableFileError("the workbook holds no sheet");
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    yield { name, date1904, rows: sheetRows(sheet, date1904) };
  }
}

const BATCH = 500;

async function* sheetRows(sheet: XLSX.WorkSheet, date1904: boolean): AsyncGenerator<SheetRow[]> {
  const data = (sheet["!data"] ?? []) as (XLSX.CellObject[] | undefined)[];
  const texts = new TextCache();
  const budget = new RowBudget();
  let batch: SheetRow[] = [];
  for (let index = 0; index < data.length; index += 1) {
    const row = data[index];
    if (!row) continue;
    const cells: CellValue[] = new Array(row.length);
    for (let column = 0; column < row.length; column += 1) {
      const cell = toCellValue(row[column], date1904, texts);
      cells[column] = typeof cell === "string" ? checkedCellText(cell, index + 1) : cell;
    }
    budget.take(1, index + 1);
    batch.push({ number: index + 1, cells });
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Each distinct text composed (NFC) once, and shared by the rows that repeat it. */
class TextCache {
  private readonly texts = new Map<string, string>();

  get(text: string): string {
    let cached = this.texts.get(text);
    if (cached === undefined) {
      cached = composed(text);
      if (this.texts.size < 200_000) this.texts.set(text, cached);
    }
    return cached;
  }
}

function toCellValue(cell: XLSX.CellObject | undefined, date1904: boolean, texts: TextCache): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case "s":
      return texts.get(String(cell.v));
    case "b":
      return Boolean(cell.v);
    case "e":
      return cell.w ?? "#ERROR";
    case "d":
      return cell.v instanceof Date ? wallClockFromUtcFields(cell.v) : String(cell.v);
    case "n": {
      const value = Number(cell.v);
      if (!Number.isFinite(value)) return null;
      if (typeof cell.z === "string" && XLSX.SSF.is_date(cell.z)) {
        return wallClockFromExcelSerial(value, date1904) ?? value;
      }
      return value;
    }
    default:
      return null;
  }
}
