// What a monthly portal export becomes once read: the shared language of the readers, the
// checks, the plans, the repositories that write them, the import use-cases and the texts.
// Plain data only, so that every folder may speak it.
import type { PeriodMonth } from "./period.js";

export type ImportKind = "UNIT_SCORES" | "OVERDUE_DOSSIERS";

/** A decimal as written in the file, normalised: "58.3", "8", "15.25". Never a float. */
export type DecimalString = string;

/** The reporting period a file is about. */
export type YearMonth = PeriodMonth;

/** A problem with the file, to be shown translated: `import.errors.<code>` with `params`. */
export interface RowError {
  /** 1-based row number in the file as a spreadsheet shows it (CSV: line of the record); null for the whole file. */
  row: number | null;
  /** The column's header text as written in the file; null when not about one column. */
  column: string | null;
  /** The offending cell as text; null when empty or not about one cell. */
  value: string | null;
  code: string;
  params?: Record<string, string | number>;
}

/** Something worth showing in the preview that does not stop the import. */
export interface ImportWarning {
  code: string;
  params?: Record<string, string | number>;
}

export interface SheetMeta {
  /** From a title row ("Tháng 3/2025") when present. */
  period: YearMonth | null;
  /** From a title row ("tính đến 11 giờ 00 ngày 11/04/2025") when present. */
  asOf: Date | null;
  /** Header texts the reader did not use, listed in the preview. */
  ignoredColumns: string[];
  /** 1-based row number of the header row. */
  headerRow: number;
  /** The header text as written for each field read (e.g. unitRef -> "Đơn vị xử lý"), for error messages. */
  columnHeaders?: Partial<Record<string, string>>;
}

export interface UnitScoreRow {
  row: number;
  unitCode: string | null;
  unitName: string;
  /** The row names the province/city itself (its own figures and national rank). */
  isProvince: boolean;
  publicity: DecimalString | null; // CKMB, max 18
  progress: DecimalString | null; // TDGQ, max 20
  onlineService: DecimalString | null; // ONLINE, max 12
  onlinePayment: DecimalString | null; // TTTT, max 10
  satisfaction: DecimalString | null; // MDHL, max 18
  digitisation: DecimalString | null; // MDSH, max 22
  total: DecimalString;
  rank: number | null;
  rankOutOf: number | null;
}

export interface DossierRow {
  row: number;
  code: string;
  procedureName: string;
  field: string | null;
  applicantName: string | null;
  receivedAt: Date;
  dueAt: Date;
  finishedAt: Date | null;
  /** As given in the file; null when the column is absent or the cell empty (computed later in working days). */
  daysOverdue: number | null;
  /** The handling unit as written: a name or a code. */
  unitRef: string;
  handlerName: string | null;
  portalStatus: string | null;
}

interface ParsedBase {
  fileName: string;
  meta: SheetMeta;
  /** Data rows read (blank and total rows excluded). */
  rowCount: number;
  errors: RowError[];
  warnings: ImportWarning[];
}

export type ParsedFile =
  | (ParsedBase & { kind: "UNIT_SCORES"; rows: UnitScoreRow[] })
  | (ParsedBase & { kind: "OVERDUE_DOSSIERS"; rows: DossierRow[] });
