// The digest's workbook: one sheet per topic (units, dossiers with their answers, escalations,
// inspections) and an "about" sheet. Written with exceljs' streaming WorkbookWriter: each row
// is committed as soon as it is added and the dossiers arrive in batches, so a list of 100,000
// dossiers never sits in memory. Every sheet has a bold header row, frozen below it, with
// filters and column widths; dates are real date cells and counts real numbers.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Locale } from "../config.js";
import type {
  Digest,
  DigestAudience,
  DigestDossierRow,
  DigestEscalationRow,
  DigestInspectionRow,
  RankedUnit,
} from "../domain/digest.js";
import { periodKey } from "../domain/period.js";
import { wallClockAt } from "../domain/time-zone.js";
import { formatDateTime, formatMonth } from "../i18n/format.js";
import type { TFunction } from "../i18n/index.js";
import { unitName } from "./names.js";

export interface DigestWorkbookData {
  digest: Digest;
  audience: DigestAudience;
  /** The list's dossiers, in batches (an async generator over the database). */
  dossiers: AsyncIterable<readonly DigestDossierRow[]>;
  escalations: readonly DigestEscalationRow[];
  inspections: readonly DigestInspectionRow[];
}

const DATE = "dd/mm/yyyy";
const DATE_TIME = "dd/mm/yyyy hh:mm";
const DECIMAL = "0.0";

interface Column<Row> {
  key: string;
  width: number;
  format?: string;
  value(row: Row): ExcelJS.CellValue;
}

type Sheet = ExcelJS.Worksheet;

function addSheet<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  t: TFunction,
  name: string,
  columns: ReadonlyArray<Column<Row>>,
): { sheet: Sheet; add(row: Row): void } {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    // Printed: every column across a landscape A4 page, the header on each page.
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = "1:1";
  sheet.columns = columns.map((column) => ({
    header: t(`digest.workbook.${column.key}`),
    key: column.key,
    width: column.width,
    ...(column.format ? { style: { numFmt: column.format } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 32;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return {
    sheet,
    add: (row) => sheet.addRow(columns.map((column) => column.value(row) ?? undefined)).commit(),
  };
}

export async function writeDigestWorkbook(
  t: TFunction,
  locale: Locale,
  timeZone: string,
  data: DigestWorkbookData,
  stream: Writable,
): Promise<void> {
  // Excel cells carry no zone: a moment is written as the configured zone's wall clock, a
  // calendar day (apology, resolution, inspection) as it is stored (midnight UTC).
  const local = (value: Date | null) => value && wallClockAt(value, timeZone);
  const day = (value: Date | null) => {
    if (!value) return null;
    const wall = wallClockAt(value, timeZone);
    return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
  };
  const personal = data.audience === "center";
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Dondoc";

  const units = addSheet<RankedUnit>(workbook, t, t("digest.workbook.unitsSheet"), [
    { key: "rank", width: 7, value: (row) => row.rank },
    { key: "unitCode", width: 14, value: (row) => row.code },
    { key: "unit", width: 40, value: (row) => unitName(row, locale) },
    {
      key: "score",
      width: 11,
      format: "0.00",
      value: (row) => (row.score === null ? null : Number(row.score)),
    },
    { key: "overdue", width: 11, value: (row) => row.overdue },
    { key: "withCause", width: 12, value: (row) => row.withCause },
    { key: "withApology", width: 12, value: (row) => row.withApology },
    { key: "resolved", width: 11, value: (row) => row.resolved },
    { key: "unanswered", width: 11, value: (row) => row.unanswered },
    { key: "compliance", width: 12, format: DECIMAL, value: (row) => row.compliance },
    { key: "complianceWeekAgo", width: 14, format: DECIMAL, value: (row) => row.complianceWeekAgo },
    { key: "change", width: 12, format: DECIMAL, value: (row) => row.change },
  ]);
  for (const unit of data.digest.ranking) units.add(unit);
  units.sheet.commit();

  const yesNo = (value: boolean) => t(value ? "digest.workbook.yes" : "digest.workbook.no");
  const dossiers = addSheet<DigestDossierRow>(workbook, t, t("digest.workbook.dossiersSheet"), [
    { key: "unitCode", width: 14, value: (row) => row.unitCode },
    { key: "unit", width: 32, value: (row) => row.unitNameVi },
    { key: "code", width: 28, value: (row) => row.code },
    { key: "procedure", width: 44, value: (row) => row.procedureName },
    { key: "field", width: 22, value: (row) => row.field },
    // The applicant is the unit's own people's to see (policy): never in a citywide workbook.
    ...(personal ? [{ key: "handler", width: 22, value: (row: DigestDossierRow) => row.handlerName }] : []),
    { key: "received", width: 12, format: DATE, value: (row) => day(row.receivedAt) },
    { key: "due", width: 12, format: DATE, value: (row) => day(row.dueAt) },
    { key: "days", width: 10, value: (row) => row.daysOverdue },
    { key: "finished", width: 12, format: DATE, value: (row) => day(row.finishedAt) },
    {
      key: "cause",
      width: 30,
      value: (row) => row.causeCategory && t(`overdue.causes.${row.causeCategory}`),
    },
    ...(personal
      ? [{ key: "causeDetail", width: 34, value: (row: DigestDossierRow) => row.causeDetail }]
      : []),
    { key: "causeReported", width: 16, format: DATE_TIME, value: (row) => local(row.causeReportedAt) },
    { key: "apologyNumber", width: 14, value: (row) => row.apologyNumber },
    { key: "apologyIssued", width: 12, format: DATE, value: (row) => row.apologyIssuedOn },
    { key: "appointment", width: 12, format: DATE, value: (row) => row.newAppointmentOn },
    { key: "resolvedOn", width: 12, format: DATE, value: (row) => row.resolvedOn },
    { key: "isResolved", width: 10, value: (row) => yesNo(row.resolved) },
  ]);
  for await (const batch of data.dossiers) for (const row of batch) dossiers.add(row);
  dossiers.sheet.commit();

  const escalations = addSheet<DigestEscalationRow>(workbook, t, t("digest.workbook.escalationsSheet"), [
    { key: "unitCode", width: 14, value: (row) => row.unitCode },
    { key: "unit", width: 32, value: (row) => row.unitNameVi },
    { key: "level", width: 28, value: (row) => t(`digest.levels.${row.level}`) },
    { key: "reason", width: 30, value: (row) => row.reason },
    { key: "dossier", width: 28, value: (row) => row.dossierCode },
    { key: "opened", width: 16, format: DATE_TIME, value: (row) => local(row.openedAt) },
    { key: "acknowledged", width: 16, format: DATE_TIME, value: (row) => local(row.acknowledgedAt) },
    { key: "closed", width: 16, format: DATE_TIME, value: (row) => local(row.closedAt) },
  ]);
  for (const row of data.escalations) escalations.add(row);
  escalations.sheet.commit();

  const inspections = addSheet<DigestInspectionRow>(workbook, t, t("digest.workbook.inspectionsSheet"), [
    { key: "unitCode", width: 14, value: (row) => row.unitCode },
    { key: "unit", width: 32, value: (row) => row.unitNameVi },
    { key: "planned", width: 13, format: DATE, value: (row) => row.plannedOn },
    { key: "status", width: 14, value: (row) => t(`digest.workbook.statuses.${row.status}`) },
    { key: "findings", width: 50, value: (row) => row.findings },
  ]);
  for (const row of data.inspections) inspections.add(row);
  inspections.sheet.commit();

  const info = workbook.addWorksheet(t("digest.workbook.infoSheet"));
  info.columns = [{ width: 24 }, { width: 70 }];
  const { digest } = data;
  const rows: Array<[string, string]> = [
    [
      t("digest.workbook.version"),
      t(personal ? "digest.workbook.versionCenter" : "digest.workbook.versionPc"),
    ],
    [t("digest.workbook.figuresAt"), formatDateTime(locale, digest.at, timeZone)],
    ...(digest.list
      ? ([
          [
            t("digest.workbook.period"),
            formatMonth(locale, digest.list.period.year, digest.list.period.month),
          ],
          [t("digest.workbook.listAsOf"), formatDateTime(locale, digest.list.asOf, timeZone)],
        ] as Array<[string, string]>)
      : []),
    [t("digest.workbook.note"), t("digest.workbook.noteText")],
  ];
  for (const [label, value] of rows) {
    const row = info.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    row.commit();
  }
  info.commit();
  await workbook.commit();
}

/** "tong-hop-tuan-thu-2025-03.xlsx": which list the workbook is about. */
export function digestWorkbookFileName(t: TFunction, digest: Pick<Digest, "list" | "at">): string {
  const suffix = digest.list ? periodKey(digest.list.period) : digest.at.toISOString().slice(0, 10);
  return `${t("digest.workbook.fileName")}-${suffix}.xlsx`;
}
