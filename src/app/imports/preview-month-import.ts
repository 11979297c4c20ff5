// What importing the monthly files would do, written nowhere: the command line's --dry-run.
import { inTransaction } from "../../db/transaction.js";
import type { ImportOptions } from "../../domain/import-plan.js";
import type { ImportReport } from "../../domain/import-report.js";
import { ImportsRepository } from "../../repositories/imports.js";
import type { AppContext } from "../context.js";
import {
  IMPORT_TRANSACTION_LIMITS,
  type Importer,
  type ImportFileInput,
  type MonthImportSettings,
  mayImport,
  prepareBatch,
  previewBatch,
} from "./month-batch.js";

export interface PreviewMonthImportInput {
  by: Importer;
  files: readonly ImportFileInput[];
  options: ImportOptions;
  settings: MonthImportSettings;
  /** Called now and then with the rows read so far, for a progress bar. */
  onProgress?: (rowsRead: number) => void;
}

export type PreviewMonthImportOutcome = { kind: "previewed"; report: ImportReport } | { kind: "forbidden" };

/** Reads every file through the same path as `importMonth`, in a transaction that only reads. */
export async function previewMonthImport(
  app: AppContext,
  input: PreviewMonthImportInput,
): Promise<PreviewMonthImportOutcome> {
  if (!mayImport(input.by)) return { kind: "forbidden" };
  const batch = await prepareBatch(app, input.files, input.settings, input.onProgress);
  const report = await inTransaction(
    app.db,
    (tx, bulk) => previewBatch(batch, new ImportsRepository(tx, bulk), input.options),
    IMPORT_TRANSACTION_LIMITS,
  );
  return { kind: "previewed", report };
}
