// A unit's overdue list as an .xlsx file: one header row (frozen, with filters), dates as real
// date cells and day counts as numbers, so that the unit can sort and filter it in Excel; a
// second sheet says whose list it is, as of when, and that the counts are cumulative.
import ExcelJS from "exceljs";
import type { Locale } from "../config.js";
import { maskName } from "../domain/disclosure.js";
import type { OverdueSnapshotRef, OverdueWorkbookRow } from "../domain/overdue.js";
import { periodKey } from "../domain/period.js";
import { wallClockAt } from "../domain/time-zone.js";
import { formatDateTime, formatMonth } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { type UnitNames, unitName } from "./names.js";

export interface OverdueWorkbookData {
  unit: UnitNames & { code: string | null };
  snapshot: Pick<OverdueSnapshotRef, "period" | "asOf">;
  rows: readonly OverdueWorkbookRow[];
  /** Whether the reader, in this chat, may see applicants' names (else they are masked). */
  showApplicant: boolean;
}

const DATE_FORMAT = "dd/mm/yyyy";

interface Column {
  key: string;
  width: number;
  date?: boolean;
  value(row: OverdueWorkbookRow, index: number): ExcelJS.CellValue;
}

export async function overdueWorkbook(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  data: OverdueWorkbookData,
): Promise<Buffer> {
  // A moment (received, due, finished) becomes its calendar day in the configured zone; the
  // date-only fields (apology, resolution) already are midnight UTC. Excel cells carry no zone.
  const day = (value: Date) => {
    const wall = wallClockAt(value, timeZone);
    return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
  };
  const applicant = (name: string | null) => (name && !data.showApplicant ? maskName(name) : name);
  const columns: Column[] = [
    { key: "number", width: 6, value: (_row, index) => index + 1 },
    { key: "code", width: 30, value: (row) => row.code },
    { key: "procedure", width: 50, value: (row) => row.procedureName },
    { key: "field", width: 24, value: (row) => row.field },
    { key: "applicant", width: 26, value: (row) => applicant(row.applicantName) },
    { key: "received", width: 14, date: true, value: (row) => day(row.receivedAt) },
    { key: "due", width: 14, date: true, value: (row) => day(row.dueAt) },
    { key: "days", width: 14, value: (row) => row.daysOverdue },
    { key: "state", width: 26, value: (row) => t(`overdue.states.${row.state}`) },
    { key: "portalStatus", width: 22, value: (row) => row.portalStatus },
    { key: "finished", width: 14, date: true, value: (row) => row.finishedAt && day(row.finishedAt) },
    { key: "handler", width: 22, value: (row) => row.handlerName },
    { key: "cause", width: 30, value: (row) => row.cause && t(`overdue.causes.${row.cause.category}`) },
    { key: "causeDetail", width: 30, value: (row) => row.cause?.detail ?? null },
    { key: "apologyNumber", width: 16, value: (row) => row.apology?.letterNumber ?? null },
    { key: "appointment", width: 14, date: true, value: (row) => row.apology?.newAppointmentOn ?? null },
    { key: "resolvedOn", width: 14, date: true, value: (row) => row.resolution?.resolvedOn ?? null },
  ];

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Dondoc";
  const sheet = workbook.addWorksheet(t("overdue.workbook.sheet"), {
    views: [{ state: "frozen", ySplit: 1 }],
    // Printed, all columns fit across a landscape A4 page, the header repeated on every page.
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = "1:1";
  sheet.columns = columns.map((column) => ({
    header: t(`overdue.workbook.${column.key}`),
    key: column.key,
    width: column.width,
    ...(column.date ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: "middle", wrapText: true };
  // Room for headers that wrap onto a second line (row heights are not measured by Excel).
  sheet.getRow(1).height = 32;
  data.rows.forEach((row, index) => {
    // Missing values stay empty cells (undefined), never 0 or a blank string.
    sheet.addRow(columns.map((column) => column.value(row, index) ?? undefined));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const info = workbook.addWorksheet(t("overdue.workbook.infoSheet"), {
    pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  info.columns = [{ width: 22 }, { width: 60 }];
  const { period, asOf } = data.snapshot;
  info.addRows([
    [t("overdue.workbook.unit"), unitName(data.unit, locale)],
    [t("overdue.workbook.period"), formatMonth(locale, period.year, period.month)],
    [t("overdue.workbook.asOf"), formatDateTime(locale, asOf, timeZone)],
    [t("overdue.workbook.note"), t("overdue.workbook.noteText")],
  ]);
  info.getColumn(1).font = { bold: true };
  info.getColumn(1).alignment = { vertical: "top" };
  info.getColumn(2).alignment = { vertical: "top", wrapText: true };
  info.getRow(4).height = 48;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "ho-so-qua-han-2025-03-P001.xlsx": the file's name says whose list and which month. */
export function overdueWorkbookFileName(
  t: TFunction,
  unit: { id: number; code: string | null },
  period: OverdueSnapshotRef["period"],
): string {
  const unitPart = (unit.code ?? String(unit.id)).replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return `${t("overdue.workbook.fileName")}-${periodKey(period)}-${unitPart}.xlsx`;
}
