// The readers' own vocabulary (the row types they produce are plain data in the domain).
export type {
  DecimalString,
  DossierRow,
  ImportKind,
  ImportWarning,
  ParsedFile,
  RowError,
  SheetMeta,
  UnitScoreRow,
  YearMonth,
} from "../domain/import-rows.js";

import type { DossierRow, RowError, SheetMeta } from "../domain/import-rows.js";

/**
 * Takes an overdue-dossier list's rows as they are read, so that a list of any length is never
 * held in memory as a whole (the import plans and writes them batch by batch).
 */
export interface DossierRowSink {
  /** A problem with an otherwise valid row (its unit unknown), checked in file order. */
  check(row: DossierRow): RowError | null;
  /** The next rows read without error, or with only a `check` error. */
  take(rows: DossierRow[]): Promise<void>;
}

export interface ParseOptions {
  /** Dates without a zone are wall-clock times here (Asia/Ho_Chi_Minh). */
  timeZone: string;
  /** Names of the province itself as they appear in score sheets, e.g. "Thành phố Hà Nội". */
  provinceNames?: readonly string[];
  /** Stop collecting after this many errors (the count keeps going). Default 1000. */
  maxErrors?: number;
  /** Called now and then with the rows read so far, for a progress bar. */
  onProgress?: (rowsRead: number) => void;
  /**
   * Called once an overdue-dossier list's header and title rows are read: the valid rows go
   * to the sink it returns instead of `rows` (left empty).
   */
  streamDossiers?: (meta: SheetMeta) => Promise<DossierRowSink>;
}
