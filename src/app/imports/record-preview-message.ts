// The bot's preview of a pending upload, remembered with it (the message carries its buttons).
import { PendingImportsRepository } from "../../repositories/pending-imports.js";
import type { AppContext } from "../context.js";

export interface RecordPreviewMessageInput {
  pendingImportId: number;
  messageId: number;
}

export async function recordPreviewMessage(
  app: AppContext,
  input: RecordPreviewMessageInput,
): Promise<{ kind: "done" }> {
  await new PendingImportsRepository(app.db).setPreviewMessage(input.pendingImportId, input.messageId);
  return { kind: "done" };
}
