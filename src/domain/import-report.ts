// What an import (or its preview) reports, file by file: read by the bot, the command line
// and the texts that describe it.
import type { ImportKind, ImportWarning, RowError } from "./import-rows.js";

/** What writing one file did. */
export interface ImportWriteResult {
  batchId: number;
  snapshotId: number;
  unitsCreated: number;
  created: number;
  updated: number;
  noLongerListed: number;
}

export interface FileReport {
  fileName: string;
  kind: ImportKind | null;
  /** `YYYY-MM`. */
  period: string | null;
  asOf: Date | null;
  rows: number;
  units: number;
  unknownUnits: string[];
  /** The row of the province itself in a score sheet: its total and national rank. */
  province: { name: string; total: string; rank: number | null; rankOutOf: number | null } | null;
  dossiers: { new: number; changed: number; unchanged: number; noLongerListed: number };
  becomesCurrent: boolean;
  ignoredColumns: string[];
  warnings: ImportWarning[];
  errors: RowError[];
  result: ImportWriteResult | null;
}

export interface ImportReport {
  /** Nothing stops the import (preview), or it was written (commit). */
  ok: boolean;
  committed: boolean;
  files: FileReport[];
  errorCount: number;
}
