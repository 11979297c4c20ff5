// Portal exports built in code: .xlsx with exceljs, .xls with SheetJS, CSV as text.

import { crc32 } from "node:zlib";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { parseImportFile } from "../../src/import/parse.js";
import type { ParsedFile, ParseOptions } from "../../src/import/types.js";

export const ZONE = "Asia/Ho_Chi_Minh";
export const HANOI = ["Thành phố Hà Nội", "Hà Nội"];

/** What a cell of a fixture holds; a Date is written as a date cell. */
export type FixtureCell = string | number | Date | null;

export interface XlsxFixture {
  rows: FixtureCell[][];
  /** Ranges to merge, e.g. "A1:L1". */
  merges?: string[];
  /** Number formats by column letter, e.g. { F: "dd/mm/yyyy hh:mm" }. */
  formats?: Record<string, string>;
  /** Sheets before the one with the data (e.g. a cover sheet). */
  sheetsBefore?: FixtureCell[][][];
}

export async function xlsx(fixture: XlsxFixture | FixtureCell[][]): Promise<Buffer> {
  const {
    rows,
    merges = [],
    formats = {},
    sheetsBefore = [],
  } = Array.isArray(fixture) ? { rows: fixture } : fixture;
  const workbook = new ExcelJS.Workbook();
  sheetsBefore.forEach((sheetRows, index) => {
    const sheet = workbook.addWorksheet(`Cover ${index + 1}`);
    for (const row of sheetRows) sheet.addRow(row);
  });
  const sheet = workbook.addWorksheet("Data");
  rows.forEach((row, index) => {
    // addRow skips nothing: an empty array still takes its row number.
    sheet.getRow(index + 1).values = row.map((cell) =>
      cell === null ? undefined : cell,
    ) as ExcelJS.CellValue[];
  });
  for (const [column, format] of Object.entries(formats)) {
    sheet.getColumn(column).eachCell((cell) => {
      if (typeof cell.value === "number" || cell.value instanceof Date) cell.numFmt = format;
    });
  }
  for (const range of merges) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A serial number with a number format: how a date cell sits in an .xls. */
export interface XlsDateCell {
  serial: number;
  format: string;
}

/** A Date of a fixture as text: its UTC fields are the wall clock, as exceljs has it. */
function wallClockText(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

export function xls(rows: (FixtureCell | XlsDateCell)[][], bookType: "biff8" | "html" = "biff8"): Buffer {
  const sheet: XLSX.WorkSheet = {};
  let width = 0;
  rows.forEach((row, r) => {
    width = Math.max(width, row.length);
    row.forEach((value, c) => {
      if (value === null) return;
      const address = XLSX.utils.encode_cell({ r, c });
      if (value instanceof Date) sheet[address] = { t: "s", v: wallClockText(value) };
      else if (typeof value === "string") sheet[address] = { t: "s", v: value };
      else if (typeof value === "number") sheet[address] = { t: "n", v: value };
      else sheet[address] = { t: "n", v: value.serial, z: value.format };
    });
  });
  sheet["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: width - 1 } });
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, "Data");
  return XLSX.write(workbook, { bookType, type: "buffer" }) as Buffer;
}

export interface CsvOptions {
  delimiter?: string;
  bom?: boolean;
  eol?: string;
}

/** Cells quoted when they need it (delimiter, quote, line break). */
export function csv(rows: FixtureCell[][], options: CsvOptions = {}): Buffer {
  const { delimiter = ",", bom = false, eol = "\r\n" } = options;
  const quote = (cell: FixtureCell) => {
    const text = cell === null ? "" : cell instanceof Date ? wallClockText(cell) : String(cell);
    return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const text = rows.map((row) => row.map(quote).join(delimiter)).join(eol) + eol;
  return Buffer.from(bom ? `\ufeff${text}` : text, "utf8");
}

export function parse(
  bytes: Buffer,
  options: Partial<ParseOptions> = {},
  fileName = "export.xlsx",
): Promise<ParsedFile> {
  return parseImportFile({ fileName, bytes }, { timeZone: ZONE, ...options });
}

export const SCORE_HEADER_VI = [
  "STT",
  "Tên đơn vị",
  "Công khai, minh bạch",
  "Tiến độ giải quyết",
  "Dịch vụ công trực tuyến",
  "Thanh toán trực tuyến",
  "Mức độ hài lòng",
  "Số hóa hồ sơ",
  "Tổng điểm",
  "Xếp hạng",
];

/** The seed: Hanoi, March 2025, 58.3 points, 60th of 63. */
export const HANOI_MARCH_2025 = [1, "Thành phố Hà Nội", 8.3, 15.2, 3.1, 4.7, 16.9, 10.1, 58.3, "60/63"];

export const DOSSIER_HEADER_VI = [
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

export function dossierRow(
  index: number,
  overrides: Partial<Record<string, FixtureCell>> = {},
): FixtureCell[] {
  const day = String(1 + (index % 28)).padStart(2, "0");
  const values: Record<string, FixtureCell> = {
    stt: index + 1,
    code: `000.00.20.H26-2503${day}-${String(index).padStart(4, "0")}`,
    procedure: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    field: "Đất đai",
    applicant: "Nguyễn Văn An",
    received: `${day}/02/2025 08:30`,
    due: `${day}/03/2025 17:00`,
    finished: null,
    days: 5,
    unit: "UBND phường Hoàn Kiếm",
    handler: "Trần Thị Bình",
    status: "Đang xử lý",
    ...overrides,
  };
  return [
    values.stt ?? null,
    values.code ?? null,
    values.procedure ?? null,
    values.field ?? null,
    values.applicant ?? null,
    values.received ?? null,
    values.due ?? null,
    values.finished ?? null,
    values.days ?? null,
    values.unit ?? null,
    values.handler ?? null,
    values.status ?? null,
  ];
}

export const TITLE_ROWS: FixtureCell[][] = [
  ["UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"],
  ["DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG 3/2025"],
  ["(Số liệu tính đến 11 giờ 00 ngày 11/04/2025)"],
  [],
];

/** An instant written the way the tests read best. */
export function at(iso: string): Date {
  return new Date(iso);
}

/**
 * An entry already deflated (raw deflate), with the size it states: a zip bomb's sheet is
 * built from repeated blocks, never inflated here, and may state any size it likes.
 */
export interface DeflatedEntry {
  deflated: Buffer;
  statedSize: number;
}

/** A zip of these entries, in this order: stored, or deflated as given. */
export function zipInOrder(entries: readonly (readonly [string, Buffer | DeflatedEntry])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, entry] of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const stored = Buffer.isBuffer(entry);
    const content = stored ? entry : entry.deflated;
    const size = stored ? entry.length : entry.statedSize;
    // Nobody gets to check a bomb's checksum: it is refused before.
    const crc = stored ? crc32(content) : 0;
    const method = stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, content);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** What SheetJS's bundled CFB library gives for a zip (its typings say `any`). */
interface ZipContainer {
  FullPaths: string[];
  FileIndex: { type: number; content?: Uint8Array }[];
}

/** The parts of an .xlsx, by name. */
export function xlsxParts(bytes: Buffer): [string, Buffer][] {
  const container = XLSX.CFB.read(bytes, { type: "buffer" }) as ZipContainer;
  const entries: [string, Buffer][] = [];
  container.FullPaths.forEach((path, index) => {
    const entry = container.FileIndex[index];
    const name = path.replace(/^[^/]*\//, "");
    if (entry?.type === 2 && entry.content && !name.startsWith("\u0001")) {
      entries.push([name, Buffer.from(entry.content)]);
    }
  });
  return entries;
}

/** The same workbook with these parts first (shared strings before the sheets, as some writers do). */
export function reorderXlsx(bytes: Buffer, first: readonly string[]): Buffer {
  const entries = xlsxParts(bytes);
  const rank = (name: string) => (first.includes(name) ? first.indexOf(name) : first.length);
  return zipInOrder(entries.sort((a, b) => rank(a[0]) - rank(b[0])));
}
