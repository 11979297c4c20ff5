// Imports the monthly files (unit scores, overdue dossiers) as one batch: all of them or none.
import type { ImportReport } from "../../domain/import-report.js";
import { type ImportProvenance, ImportsRepository } from "../../repositories/imports.js";
import type { AppContext } from "../context.js";
import {
  authorOf,
  type ImportRefusal,
  inImportTransaction,
  mayImport,
  prepareBatch,
  writeBatch,
} from "./month-batch.js";
import type { PreviewMonthImportInput } from "./preview-month-import.js";

export interface ImportMonthInput extends PreviewMonthImportInput {
  /** Where the files came from, for the import batch. */
  source: ImportProvenance["source"];
}

export type ImportMonthOutcome = { kind: "imported"; report: ImportReport } | ImportRefusal;

/**
 * Reads and writes the files in one transaction; the report says, file by file, what was
 * written, or every error found when nothing was.
 */
export async function importMonth(app: AppContext, input: ImportMonthInput): Promise<ImportMonthOutcome> {
  if (!mayImport(input.by)) return { kind: "forbidden" };
  const batch = await prepareBatch(app, input.files, input.settings, input.onProgress);
  const result = await inImportTransaction(app, (tx, bulk) =>
    writeBatch(batch, new ImportsRepository(tx, bulk), input.options, {
      source: input.source,
      ...authorOf(input.by),
    }),
  );
  return "refused" in result
    ? { kind: "refused", report: result.refused }
    : { kind: "imported", report: result.written };
}
