// A Center admin sends a portal export to the bot: it is previewed, and kept waiting for that
// admin's decision (confirm-pending-import.ts, cancel-pending-import.ts) when nothing stops it.
import { inTransaction } from "../../db/transaction.js";
import type { StatedImportOptions } from "../../domain/import-plan.js";
import type { ImportReport } from "../../domain/import-report.js";
import { type Actor, can } from "../../domain/policy.js";
import { sha256Hex } from "../../domain/sha256.js";
import { ImportsRepository } from "../../repositories/imports.js";
import { PendingImportsRepository } from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";
import {
  IMPORT_TRANSACTION_LIMITS,
  type ImportFileInput,
  type ImportRefusal,
  type MonthImportSettings,
  prepareUpload,
  previewBatch,
} from "./month-batch.js";

export type ReceiveUploadOutcome =
  | { kind: "awaitingConfirmation"; pendingImportId: number; report: ImportReport }
  | ImportRefusal;

export interface ReceiveUploadInput {
  actor: Actor;
  /** The private chat the file came in. */
  chatId: number;
  /** Telegram's id of the file, to fetch it again once confirmed. */
  telegramFileId: string;
  file: ImportFileInput;
  /** Period and "as of" from the caption, for files whose title rows lack them. */
  stated: StatedImportOptions;
  settings: MonthImportSettings;
}

/** Units the file names that nobody knows yet are created on confirmation: the preview lists them. */
export async function receiveUpload(
  app: AppContext,
  input: ReceiveUploadInput,
): Promise<ReceiveUploadOutcome> {
  if (!can(input.actor, "data.import")) return { kind: "forbidden" };
  const { batch, options } = await prepareUpload(app, input.file, input.stated, input.settings);
  return inTransaction(
    app.db,
    async (tx, bulk): Promise<ReceiveUploadOutcome> => {
      const report = await previewBatch(batch, new ImportsRepository(tx, bulk), options);
      if (!report.ok) return { kind: "refused", report };
      const pendingImportId = await new PendingImportsRepository(tx).create({
        uploaderId: input.actor.personId,
        chatId: input.chatId,
        telegramFileId: input.telegramFileId,
        fileName: input.file.fileName,
        fileSha256: sha256Hex(input.file.bytes),
        options: input.stated,
      });
      return { kind: "awaitingConfirmation", pendingImportId, report };
    },
    IMPORT_TRANSACTION_LIMITS,
  );
}
