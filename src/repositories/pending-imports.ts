import type { DbClient } from "../db/prisma.js";
import type { StatedImportOptions } from "../domain/import-plan.js";

export interface PendingImportRecord {
  id: number;
  uploaderId: number;
  chatId: number;
  telegramFileId: string;
  fileName: string;
  fileSha256: string;
  options: StatedImportOptions;
}

export type PendingImportDecision = "CONFIRMED" | "CANCELLED";

/** Files a Center admin sent to the bot, previewed and waiting for that admin's decision. */
export class PendingImportsRepository {
  constructor(private readonly db: DbClient) {}

  async create(record: Omit<PendingImportRecord, "id">): Promise<number> {
    const created = await this.db.pendingImport.create({
      data: { ...record, chatId: BigInt(record.chatId), options: JSON.parse(JSON.stringify(record.options)) },
    });
    return created.id;
  }

  async find(id: number): Promise<PendingImportRecord | null> {
    const row = await this.db.pendingImport.findUnique({ where: { id } });
    if (!row) return null;
    return {
      id: row.id,
      uploaderId: row.uploaderId,
      chatId: Number(row.chatId),
      telegramFileId: row.telegramFileId,
      fileName: row.fileName,
      fileSha256: row.fileSha256,
      options: row.options as StatedImportOptions,
    };
  }

  async setPreviewMessage(id: number, messageId: number): Promise<void> {
    await this.db.pendingImport.update({ where: { id }, data: { previewMessageId: messageId } });
  }

  /**
   * Records the uploader's decision if the request is still pending and theirs: one statement,
   * so that of two presses (or two admins) only one gets `true`.
   */
  async decide(id: number, uploaderId: number, decision: PendingImportDecision, at: Date): Promise<boolean> {
    const taken = await this.db.pendingImport.updateMany({
      where: { id, uploaderId, status: "PENDING" },
      data: { status: decision, decidedAt: at },
    });
    return taken.count > 0;
  }

  async finish(id: number, outcome: { importBatchId: number } | { failed: true }): Promise<void> {
    await this.db.pendingImport.update({
      where: { id },
      data: "failed" in outcome ? { status: "FAILED" } : { importBatchId: outcome.importBatchId },
    });
  }
}
