import type { Db } from "../db/prisma.js";
import type { YearMonth } from "../import/types.js";
import { appendAudit } from "./audit.js";

export interface PendingImportOptions {
  period?: YearMonth;
  asOf?: string;
}

export interface PendingImportRecord {
  id: number;
  uploaderId: number;
  chatId: number;
  telegramFileId: string;
  fileName: string;
  fileSha256: string;
  options: PendingImportOptions;
}

export type ClaimOutcome =
  | { kind: "claimed"; pending: PendingImportRecord }
  | { kind: "notYours" }
  | { kind: "alreadyDecided" }
  | { kind: "unknown" };

/** Files a Center admin sent to the bot, previewed and waiting for that admin's decision. */
export class PendingImportsRepository {
  constructor(private readonly db: Db) {}

  async create(record: Omit<PendingImportRecord, "id">): Promise<number> {
    const created = await this.db.pendingImport.create({
      data: { ...record, chatId: BigInt(record.chatId), options: JSON.parse(JSON.stringify(record.options)) },
    });
    return created.id;
  }

  async setPreviewMessage(id: number, messageId: number): Promise<void> {
    await this.db.pendingImport.update({ where: { id }, data: { previewMessageId: messageId } });
  }

  /**
   * Takes the decision for the uploader, once: of two presses (or two admins) only one
   * gets "claimed"; the status change and its audit event commit together.
   */
  async claim(id: number, personId: number, decision: "CONFIRMED" | "CANCELLED"): Promise<ClaimOutcome> {
    return this.db.$transaction(async (tx) => {
      const taken = await tx.pendingImport.updateMany({
        where: { id, uploaderId: personId, status: "PENDING" },
        data: { status: decision, decidedAt: new Date() },
      });
      const row = await tx.pendingImport.findUnique({ where: { id } });
      if (!row) return { kind: "unknown" as const };
      if (taken.count === 0)
        return { kind: row.uploaderId === personId ? "alreadyDecided" : "notYours" } as ClaimOutcome;
      await appendAudit(tx, {
        actorId: personId,
        action: decision === "CONFIRMED" ? "import.confirmed" : "import.cancelled",
        entityType: "PendingImport",
        entityId: id,
        before: { status: "PENDING" },
        after: { status: decision, fileName: row.fileName },
      });
      return {
        kind: "claimed" as const,
        pending: {
          id: row.id,
          uploaderId: row.uploaderId,
          chatId: Number(row.chatId),
          telegramFileId: row.telegramFileId,
          fileName: row.fileName,
          fileSha256: row.fileSha256,
          options: row.options as PendingImportOptions,
        },
      };
    });
  }

  async finish(id: number, outcome: { importBatchId: number } | { failed: true }): Promise<void> {
    await this.db.pendingImport.update({
      where: { id },
      data: "failed" in outcome ? { status: "FAILED" } : { importBatchId: outcome.importBatchId },
    });
  }
}
