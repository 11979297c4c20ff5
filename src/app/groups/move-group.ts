// Telegram upgraded a group to a supergroup, which has a new chat id: the binding follows it.
// Telegram tells both chats, and the two notices may be handled at the same moment (two
// instances, or the runner): each write is guarded by the state it read, so exactly one of
// them moves the binding and the other finds nothing left to do. A binding the supergroup
// already has (bound again after the upgrade, to a unit still active) is kept, and the old
// group's binding ends instead.
import { inTransaction } from "../../db/transaction.js";
import { appendAudit } from "../../repositories/audit.js";
import { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { AppContext } from "../context.js";

export interface MoveGroupInput {
  fromChatId: number;
  toChatId: number;
}

export type MoveGroupOutcome =
  | { kind: "moved"; unitId: number; keptExisting: boolean }
  /** No active binding to move: never bound, or the other notice moved it already. */
  | { kind: "gone" };

export async function moveGroup(app: AppContext, input: MoveGroupInput): Promise<MoveGroupOutcome> {
  return inTransaction(app.db, async (tx): Promise<MoveGroupOutcome> => {
    const bindings = new ChatBindingsRepository(tx);
    const from = await bindings.findRow(input.fromChatId);
    if (!from?.active) return { kind: "gone" };
    const to = await bindings.findRow(input.toChatId);
    const keptExisting = Boolean(to?.active && to.unitActive);
    // The supergroup's old row gives way: the audit trail keeps its story.
    if (!keptExisting && to) await bindings.remove(to.id);
    const moved = await bindings.moveIfStillBound(
      from,
      keptExisting ? { endAt: app.now() } : { toChatId: input.toChatId },
    );
    if (!moved) return { kind: "gone" };
    await appendAudit(tx, {
      actorLabel: "telegram:group-upgraded",
      action: "group.moved",
      entityType: "ChatBinding",
      entityId: input.toChatId,
      unitId: from.unitId,
      before: { chatId: input.fromChatId },
      after: { chatId: input.toChatId, keptExisting },
    });
    return { kind: "moved", unitId: from.unitId, keptExisting };
  });
}
