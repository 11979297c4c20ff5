// The sample month as files the portal's annexes look like: title rows, a merged title cell, the
// header, the data, a total row. One table layout, three writers: xlsx (exceljs, streamed, so
// 60,000 rows stay fast), csv (UTF-8 with BOM, every field quoted) and xls (BIFF8: see xls.ts).
import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { type IsoDate, toDayNumber } from "../domain/working-days.js";
import type { SampleMonth } from "./generate.js";
import { formatTenths, GROUP_CODES, GROUPS } from "./groups.js";
import { xlsBytes } from "./xls.js";

export const FORMATS = ["xlsx", "csv", "xls"] as const;
export type SampleFormat = (typeof FORMATS)[number];

/** A cell: text, a whole number, a score in tenths of a point, or a calendar date. */
export type Cell = string | number | null | { tenths: number } | { date: IsoDate };

export interface Table {
  sheetName: string;
  /** Each merged across the table's width, above the header. */
  titleRows: string[];
  header: string[];
  rows: readonly Cell[][];
  /** A last row ("Tổng cộng"), its first two cells merged. */
  footer: Cell[] | null;
  /** Column widths in characters. */
  widths: number[];
  /** Rows (0-based in `rows`) shown in bold: the province's own figures. */
  boldRows: readonly number[];
}

const DATE_FORMAT = "dd/mm/yyyy";
const SCORE_FORMAT = "0.0";

export const SCORE_HEADER = [
  "STT",
  "Mã đơn vị",
  "Tên đơn vị",
  ...GROUP_CODES.map((code) => GROUPS[code].labelVi),
  "Tổng điểm",
  "Xếp hạng",
];

export const DOSSIER_HEADER = [
  "STT",
  "Mã hồ sơ",
  "Tên thủ tục hành chính",
  "Lĩnh vực",
  "Chủ hồ sơ",
  "Ngày tiếp nhận",
  "Ngày hẹn trả",
  "Ngày kết thúc",
  "Số ngày quá hạn",
  "Đơn vị xử lý",
  "Cán bộ xử lý",
  "Trạng thái",
];

function dateVi(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function asOfText(month: SampleMonth): string {
  const { hour, minute, date } = month.asOf;
  return `${hour} giờ ${String(minute).padStart(2, "0")} ngày ${dateVi(date)}`;
}

export function scoreTable(month: SampleMonth): Table {
  const { year, month: m } = month.period;
  let stt = 0;
  const rows = month.scores.map((row): Cell[] => [
    row.isProvince ? null : ++stt,
    row.unitCode,
    row.unitName,
    ...GROUP_CODES.map((code) => ({ tenths: row.tenths[code] })),
    { tenths: row.totalTenths },
    row.isProvince ? `${row.rank}/${row.rankOutOf}` : row.rank,
  ]);
  return {
    sheetName: `Bo chi so T${m}-${year}`,
    titleRows: [
      month.province.authorityVi,
      `KẾT QUẢ BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THÁNG ${m}/${year}`,
      `(Số liệu tính đến ${asOfText(month)})`,
    ],
    header: SCORE_HEADER,
    rows,
    footer: null,
    widths: [6, 14, 48, 12, 12, 12, 12, 12, 12, 11, 10],
    boldRows: month.scores.flatMap((row, index) => (row.isProvince ? [index] : [])),
  };
}

export function dossierTable(month: SampleMonth): Table {
  const { year, month: m } = month.period;
  const rows = month.dossiers.map((dossier, index): Cell[] => [
    index + 1,
    dossier.code,
    dossier.procedureName,
    dossier.field,
    dossier.applicantName,
    { date: dossier.receivedAt },
    { date: dossier.dueAt },
    dossier.finishedAt ? { date: dossier.finishedAt } : null,
    dossier.daysOverdue,
    dossier.unitName,
    dossier.handlerName,
    dossier.status,
  ]);
  const count = month.dossiers.length;
  return {
    sheetName: `Ho so qua han T${m}-${year}`,
    titleRows: [
      month.province.authorityVi,
      "DANH SÁCH HỒ SƠ QUÁ HẠN",
      `(Kèm theo kết quả Bộ chỉ số tháng ${m}/${year}; số liệu lũy kế tính đến ${asOfText(month)})`,
    ],
    header: DOSSIER_HEADER,
    rows,
    footer: ["Tổng cộng", null, `${count} hồ sơ`, null, null, null, null, null, null, null, null, null],
    widths: [7, 30, 60, 28, 32, 14, 14, 14, 10, 40, 24, 22],
    boldRows: [],
  };
}

export interface WrittenFile {
  path: string;
  kind: "UNIT_SCORES" | "OVERDUE_DOSSIERS";
  /** Data rows (the province row included; the total row not). */
  rows: number;
}

export function sampleFileNames(
  month: SampleMonth,
  format: SampleFormat,
): { scores: string; dossiers: string } {
  const period = `${month.period.year}-${String(month.period.month).padStart(2, "0")}`;
  return { scores: `bo-chi-so-${period}.${format}`, dossiers: `ho-so-qua-han-${period}.${format}` };
}

export async function writeSampleMonth(
  month: SampleMonth,
  outDir: string,
  format: SampleFormat,
): Promise<[WrittenFile, WrittenFile]> {
  await mkdir(outDir, { recursive: true });
  const names = sampleFileNames(month, format);
  const scores = scoreTable(month);
  const dossiers = dossierTable(month);
  const scoresPath = join(outDir, names.scores);
  const dossiersPath = join(outDir, names.dossiers);
  await writeTable(scores, scoresPath, format);
  await writeTable(dossiers, dossiersPath, format);
  return [
    { path: scoresPath, kind: "UNIT_SCORES", rows: scores.rows.length },
    { path: dossiersPath, kind: "OVERDUE_DOSSIERS", rows: dossiers.rows.length },
  ];
}

export async function writeTable(table: Table, path: string, format: SampleFormat): Promise<void> {
  if (format === "xlsx") return writeXlsx(table, path);
  if (format === "csv") return writeCsv(table, path);
  return writeXls(table, path);
}

/** Row number (1-based) of the header: title rows, one blank row, then the header. */
export function headerRowNumber(table: Table): number {
  return table.titleRows.length + 2;
}

function columnFormat(table: Table, column: number): string | undefined {
  for (const row of table.rows) {
    const cell = row[column];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === "object") return "date" in cell ? DATE_FORMAT : SCORE_FORMAT;
    return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// xlsx

function excelValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell !== "object") return cell;
  if ("date" in cell) return new Date(toDayNumber(cell.date) * 86_400_000);
  return cell.tenths / 10;
}

/** Streamed (exceljs WorkbookWriter): rows go to the zip as they are added, whatever the size. */
export async function writeXlsx(table: Table, path: string): Promise<void> {
  const width = table.header.length;
  const headerRow = headerRowNumber(table);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Dondoc sample";
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: "frozen", ySplit: headerRow }] });
  // Number formats on the columns: data cells take them without a style each (fast).
  sheet.columns = table.widths.map((columnWidth, column) => {
    const numFmt = columnFormat(table, column);
    return numFmt ? { width: columnWidth, style: { numFmt } } : { width: columnWidth };
  });
  const thin: Partial<ExcelJS.Border> = { style: "thin" };
  const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

  table.titleRows.forEach((title, index) => {
    const row = sheet.addRow([title]);
    const cell = row.getCell(1);
    cell.font = { bold: true, size: index === 1 ? 14 : 12 };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    sheet.mergeCells(index + 1, 1, index + 1, width);
    row.commit();
  });
  sheet.addRow([]).commit();
  const header = sheet.addRow(table.header);
  header.height = 45;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = border;
  });
  header.commit();

  const bold = new Set(table.boldRows);
  table.rows.forEach((cells, index) => {
    const row = sheet.addRow(cells.map(excelValue));
    if (bold.has(index)) {
      row.eachCell((cell) => {
        cell.font = { bold: true };
      });
    }
    row.commit();
  });
  if (table.footer) {
    const row = sheet.addRow(table.footer.map(excelValue));
    row.eachCell((cell) => {
      cell.font = { bold: true };
    });
    const rowNumber = headerRow + table.rows.length + 1;
    sheet.mergeCells(rowNumber, 1, rowNumber, 2);
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

// ---------------------------------------------------------------------------------------------
// csv

function csvText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return cell;
  if ("date" in cell) return dateVi(cell.date);
  return formatTenths(cell.tenths);
}

function csvLine(cells: readonly Cell[], width: number): string {
  const fields: string[] = [];
  for (let column = 0; column < width; column += 1) {
    fields.push(`"${csvText(cells[column] ?? null).replaceAll('"', '""')}"`);
  }
  return `${fields.join(",")}\r\n`;
}

/** UTF-8 with a BOM (Excel reads it right), comma-separated, every field quoted, CRLF, dates dd/mm/yyyy. */
export async function writeCsv(table: Table, path: string): Promise<void> {
  const width = table.header.length;
  const file = await open(path, "w");
  try {
    let chunk = "\uFEFF";
    const flush = async (force: boolean) => {
      if (chunk.length >= 1 << 20 || (force && chunk.length > 0)) {
        await file.write(chunk);
        chunk = "";
      }
    };
    for (const title of table.titleRows) chunk += csvLine([title], width);
    chunk += csvLine([], width);
    chunk += csvLine(table.header, width);
    for (const row of table.rows) {
      chunk += csvLine(row, width);
      await flush(false);
    }
    if (table.footer) chunk += csvLine(table.footer, width);
    await flush(true);
  } finally {
    await file.close();
  }
}

// ---------------------------------------------------------------------------------------------
// xls

export async function writeXls(table: Table, path: string): Promise<void> {
  const bytes = xlsBytes(table, headerRowNumber(table));
  const file = await open(path, "w");
  try {
    await file.write(bytes);
  } finally {
    await file.close();
  }
}
