// A confirmed upload imported: its file fetched again, imported as `importMonth` would, and
// the request marked with the import batch it became, or as failed.
import { toImportOptions } from "../../domain/import-plan.js";
import type { ImportReport } from "../../domain/import-report.js";
import { type Actor, can } from "../../domain/policy.js";
import { ImportsRepository } from "../../repositories/imports.js";
import { type PendingImportRecord, PendingImportsRepository } from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";
import { inImportTransaction, type MonthImportSettings, prepareBatch, writeBatch } from "./month-batch.js";

export interface ImportConfirmedUploadInput {
  actor: Actor;
  /** As `confirmPendingImport` returned it. */
  pending: PendingImportRecord;
  settings: MonthImportSettings;
  /** The file's bytes, fetched again (from Telegram) by its id. */
  fetch: (telegramFileId: string) => Promise<Buffer>;
}

export type ImportConfirmedUploadOutcome =
  | { kind: "imported"; importBatchId: number; report: ImportReport }
  /** The file changed nothing after all (the database moved on since the preview): marked failed. */
  | { kind: "refused"; report: ImportReport }
  | { kind: "forbidden" };

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
    const batch = await prepareBatch(app, [{ fileName: pending.fileName, bytes }], input.settings);
    const options = { ...toImportOptions(pending.options), createUnknownUnits: true };
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
