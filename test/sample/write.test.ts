import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSampleMonth, type SampleMonth } from "../../src/sample/generate.js";
import {
  type Cell,
  DOSSIER_HEADER,
  dossierTable,
  headerRowNumber,
  SCORE_HEADER,
  scoreTable,
  type Table,
  writeSampleMonth,
} from "../../src/sample/write.js";
import { calendar, unitsFile } from "./helpers.js";

let dir: string;
let month: SampleMonth;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dondoc-sample-"));
  month = generateSampleMonth(await unitsFile(), calendar, { units: 25, dossiers: 300, seed: 3 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A table cell as a reader should get it back: numbers, ISO dates, text. */
function expected(cell: Cell): string | number | null {
  if (cell === null || typeof cell !== "object") return cell;
  if ("date" in cell) return cell.date;
  return cell.tenths / 10;
}

function excelCell(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "string") return value;
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

function checkRows(table: Table, readRow: (rowNumber: number, column: number) => string | number | null) {
  const first = headerRowNumber(table) + 1;
  table.rows.forEach((row, index) => {
    row.forEach((cell, column) => {
      expect(readRow(first + index, column), `row ${first + index} column ${column}`).toEqual(expected(cell));
    });
  });
}

describe("xlsx", () => {
  let scores: ExcelJS.Worksheet;
  let dossiers: ExcelJS.Worksheet;

  beforeAll(async () => {
    const [scoreFile, dossierFile] = await writeSampleMonth(month, dir, "xlsx");
    expect(scoreFile.path).toMatch(/bo-chi-so-2025-03\.xlsx$/);
    expect(dossierFile).toMatchObject({ kind: "OVERDUE_DOSSIERS", rows: 300 });
    const read = async (path: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error("no sheet");
      return sheet;
    };
    scores = await read(scoreFile.path);
    dossiers = await read(dossierFile.path);
  });

  it("has the title rows above the header, the main title merged across the table", () => {
    expect(scores.getCell("A1").value).toBe("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    expect(scores.getCell("A2").value).toBe("KẾT QUẢ BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THÁNG 3/2025");
    expect(scores.getCell("A3").value).toBe("(Số liệu tính đến 11 giờ 00 ngày 11/04/2025)");
    expect(scores.getCell("K2").isMerged).toBe(true);
    expect(scores.getCell("K2").master.address).toBe("A2");
    expect(dossiers.getCell("A2").value).toBe("DANH SÁCH HỒ SƠ QUÁ HẠN");
    expect(String(dossiers.getCell("A3").value)).toContain("tính đến 11 giờ 00 ngày 11/04/2025");
    expect(dossiers.getCell("L2").master.address).toBe("A2");
  });

  it("has the portal's headers", () => {
    expect((scores.getRow(5).values as unknown[]).slice(1)).toEqual(SCORE_HEADER);
    expect((dossiers.getRow(5).values as unknown[]).slice(1)).toEqual(DOSSIER_HEADER);
  });

  it("reads back the same values, dates as date cells", () => {
    const scoreSheet = scoreTable(month);
    checkRows(scoreSheet, (row, column) => excelCell(scores.getRow(row).getCell(column + 1).value));
    expect(scores.getCell("K6").value).toBe("60/63");
    expect(scores.getCell("J6").value).toBe(58.3);
    expect(scores.getCell("J6").numFmt).toBe("0.0");
    const dossierSheet = dossierTable(month);
    checkRows(dossierSheet, (row, column) => excelCell(dossiers.getRow(row).getCell(column + 1).value));
    expect(dossiers.getCell("F6").value).toBeInstanceOf(Date);
    expect(dossiers.getCell("F6").numFmt).toBe("dd/mm/yyyy");
  });

  it("ends the dossier list with a total row", () => {
    const last = dossiers.getRow(5 + 300 + 1);
    expect(last.getCell(1).value).toBe("Tổng cộng");
    expect(last.getCell(3).value).toBe("300 hồ sơ");
    expect(dossiers.rowCount).toBe(5 + 300 + 1);
  });
});

describe("csv", () => {
  it("is UTF-8 with a BOM, every field quoted, dates dd/mm/yyyy, and reads back the same", async () => {
    const [scoreFile, dossierFile] = await writeSampleMonth(month, dir, "csv");
    const bytes = await readFile(dossierFile.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`"ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"${',""'.repeat(11)}`);
    expect(lines[4]?.startsWith('"STT","Mã hồ sơ","Tên thủ tục hành chính"')).toBe(true);
    const records = parseCsv(text, { bom: true }) as string[][];
    const table = dossierTable(month);
    const first = headerRowNumber(table);
    table.rows.forEach((row, index) => {
      const record = records[first + index];
      expect(record?.[5]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      const received = row[5] as { date: string };
      expect(record?.[5]).toBe(
        `${received.date.slice(8)}/${received.date.slice(5, 7)}/${received.date.slice(0, 4)}`,
      );
      expect(record?.[1]).toBe(row[1]);
      expect(record?.[8]).toBe(String(row[8]));
    });
    expect(records.at(-1)?.[0]).toBe("Tổng cộng");
    const scoreRecords = parseCsv(await readFile(scoreFile.path, "utf8"), { bom: true }) as string[][];
    expect(scoreRecords[5]).toEqual([
      "",
      "H26",
      "Thành phố Hà Nội",
      "8.3",
      "15.2",
      "3.1",
      "4.7",
      "16.9",
      "10.1",
      "58.3",
      "60/63",
    ]);
  });
});

describe("determinism", () => {
  it("writes byte-identical files for the same seed", async () => {
    const file = await unitsFile();
    const again = generateSampleMonth(file, calendar, { units: 25, dossiers: 300, seed: 3 });
    const [, first] = await writeSampleMonth(month, join(dir, "one"), "csv");
    const [, second] = await writeSampleMonth(again, join(dir, "two"), "csv");
    expect((await readFile(first.path)).equals(await readFile(second.path))).toBe(true);
  });
});

describe("xls", () => {
  it("is a BIFF8 workbook that reads back the same values", async () => {
    const [scoreFile, dossierFile] = await writeSampleMonth(month, dir, "xls");
    for (const [path, table] of [
      [scoreFile.path, scoreTable(month)],
      [dossierFile.path, dossierTable(month)],
    ] as const) {
      const bytes = await readFile(path);
      // An OLE2 compound file (what Excel 97-2003 writes), not a zip.
      expect(bytes.subarray(0, 8).toString("hex")).toBe("d0cf11e0a1b11ae1");
      const workbook = XLSX.read(bytes, { cellNF: true });
      const sheet = workbook.Sheets[workbook.SheetNames[0] as string] as XLSX.WorkSheet;
      expect(sheet.A1?.v).toBe("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
      expect(
        sheet["!merges"]?.some((merge) => merge.s.r === 1 && merge.e.c === table.header.length - 1),
      ).toBe(true);
      checkRows(table, (row, column) => {
        const cell = sheet[XLSX.utils.encode_cell({ r: row - 1, c: column })] as XLSX.CellObject | undefined;
        if (!cell) return null;
        if (cell.z === "dd/mm/yyyy" && typeof cell.v === "number") {
          return new Date(Math.round((cell.v - 25_569) * 86_400_000)).toISOString().slice(0, 10);
        }
        return cell.v as string | number;
      });
    }
  });
});
