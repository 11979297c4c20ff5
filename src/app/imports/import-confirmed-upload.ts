// A confirmed upload imported: its file fetched again, imported as `importMonth` would, and
// the request marked with the import batch it became, or as failed.
import type { ImportReport } from "../../domain/import-report.js";
import { type Actor, can } from "../../domain/policy.js";
import { ImportsRepository } from "../../repositories/imports.js";
import { type PendingImportRecord, PendingImportsRepository } from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";
import {
  type ImportRefusal,
  inImportTransaction,
  type MonthImportSettings,
  prepareUpload,
  writeBatch,
} from "./month-batch.js";

export interface ImportConfirmedUploadInput {
  actor: Actor;
  /** As `confirmPendingImport` returned it. */
  pending: PendingImportRecord;
  settings: MonthImportSettings;
  /** The file's bytes, fetched again (from Telegram) by its id. */
  fetch: (telegramFileId: string) => Promise<Buffer>;
}

/** Refused: the database moved on since the preview (the request is marked failed). */
export type ImportConfirmedUploadOutcome =
  | { kind: "imported"; importBatchId: number; report: ImportReport }
  | ImportRefusal;

/**
 * The request is linked to its import batch in the import's own transaction. A refusal or a
 * failure (the file cannot be fetched, the database fails) marks it failed afterwards, once the
 * import has rolled back, so that it never looks confirmed and done; a failure is then rethrown.
 */
export async function importConfirmedUpload(
  app: AppContext,
  input: ImportConfirmedUploadInput,
): Promise<ImportConfirmedUploadOutcome> {
  const { actor, pending } = input;
  if (!can(actor, "data.import")) return { kind: "forbidden" };
  const markFailed = () => new PendingImportsRepository(app.db).finish(pending.id, { failed: true });
  try {
    const bytes = await input.fetch(pending.telegramFileId);
    const file = { fileName: pending.fileName, bytes };
    const { batch, options } = await prepareUpload(app, file, pending.options, input.settings);
    const result = await inImportTransaction(app, async (tx, bulk) => {
      const report = await writeBatch(batch, new ImportsRepository(tx, bulk), options, {
        source: "BOT",
        actorId: actor.personId,
        actorLabel: null,
      });
      const importBatchId = report.files[0]?.result?.batchId;
      if (importBatchId) await new PendingImportsRepository(tx).finish(pending.id, { importBatchId });
      return { report, importBatchId };
    });
    if ("written" in result && result.written.importBatchId) {
      return { kind: "imported", importBatchId: result.written.importBatchId, report: result.written.report };
    }
    await markFailed();
    return { kind: "refused", report: "refused" in result ? result.refused : result.written.report };
  } catch (error) {
    await markFailed();
    throw error;
  }
}
