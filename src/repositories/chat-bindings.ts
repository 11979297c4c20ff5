import type { Db } from "../db/prisma.js";
import { appendAudit } from "./audit.js";

export interface ChatBindingView {
  chatId: number;
  title: string | null;
  unit: { id: number; code: string | null; nameVi: string; nameEn: string | null; groupIsInternal: boolean };
}

export type BindOutcome =
  | { kind: "bound"; binding: ChatBindingView }
  | { kind: "alreadyBound"; binding: ChatBindingView };

const bindingSelect = {
  chatId: true,
  title: true,
  unit: { select: { id: true, code: true, nameVi: true, nameEn: true, groupIsInternal: true } },
} as const;

const toView = (row: {
  chatId: bigint;
  title: string | null;
  unit: ChatBindingView["unit"];
}): ChatBindingView => ({ ...row, chatId: Number(row.chatId) });

/** Group chats bound to units with /bind: where a unit's group pushes go. */
export class ChatBindingsRepository {
  constructor(private readonly db: Db) {}

  async findActive(chatId: number): Promise<ChatBindingView | null> {
    const row = await this.db.chatBinding.findFirst({
      where: { chatId: BigInt(chatId), active: true, unit: { active: true } },
      select: bindingSelect,
    });
    return row ? toView(row) : null;
  }

  /** Binds the group to the unit; a group already bound (to any unit) stays as it is. */
  async bind(chatId: number, title: string | null, unitId: number, personId: number): Promise<BindOutcome> {
    return this.db.$transaction(async (tx) => {
      const existing = await tx.chatBinding.findUnique({
        where: { chatId: BigInt(chatId) },
        select: {
          ...bindingSelect,
          active: true,
          unit: { select: { ...bindingSelect.unit.select, active: true } },
        },
      });
      // A group bound to a unit that was since deactivated is free to be bound again.
      if (existing?.active && existing.unit.active)
        return { kind: "alreadyBound" as const, binding: toView(existing) };
      const row = await tx.chatBinding.upsert({
        where: { chatId: BigInt(chatId) },
        create: { chatId: BigInt(chatId), title, unitId, boundByPersonId: personId },
        update: { title, unitId, boundByPersonId: personId, active: true, unboundAt: null },
        select: bindingSelect,
      });
      await appendAudit(tx, {
        actorId: personId,
        action: "group.bound",
        entityType: "ChatBinding",
        entityId: chatId,
        unitId,
        after: { chatId, title, unitId },
      });
      return { kind: "bound" as const, binding: toView(row) };
    });
  }

  /** Ends the binding (by /unbind, or because the bot was removed from the group). */
  async unbind(chatId: number, by: { actorId: number } | { actorLabel: string }, now = new Date()) {
    return this.db.$transaction(async (tx) => {
      const binding = await tx.chatBinding.findFirst({ where: { chatId: BigInt(chatId), active: true } });
      if (!binding) return false;
      await tx.chatBinding.update({ where: { id: binding.id }, data: { active: false, unboundAt: now } });
      await appendAudit(tx, {
        ...by,
        action: "group.unbound",
        entityType: "ChatBinding",
        entityId: chatId,
        unitId: binding.unitId,
        before: { unitId: binding.unitId, active: true },
        after: { active: false },
      });
      return true;
    });
  }

  /**
   * Telegram upgraded the group to a supergroup, which has a new chat id: the binding follows
   * it. Telegram tells both chats, and the two notices may be handled at the same moment: each
   * write is guarded by the state it read, so exactly one of them moves the binding and the
   * other finds nothing left to do. A binding the supergroup already has (bound again after the
   * upgrade, to a unit still active) is kept.
   */
  async moveChat(fromChatId: number, toChatId: number): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const from = await tx.chatBinding.findFirst({ where: { chatId: BigInt(fromChatId), active: true } });
      if (!from) return false;
      const to = await tx.chatBinding.findUnique({
        where: { chatId: BigInt(toChatId) },
        select: { id: true, active: true, unit: { select: { active: true } } },
      });
      const keepExisting = Boolean(to?.active && to.unit.active);
      const stillBound = { id: from.id, chatId: BigInt(fromChatId), active: true };
      if (!keepExisting && to) {
        // The supergroup's old row gives way: the audit trail keeps its story.
        await tx.chatBinding.deleteMany({ where: { id: to.id } });
      }
      const moved = await tx.chatBinding.updateMany({
        where: stillBound,
        data: keepExisting ? { active: false, unboundAt: new Date() } : { chatId: BigInt(toChatId) },
      });
      if (moved.count === 0) return false;
      await appendAudit(tx, {
        actorLabel: "telegram:group-upgraded",
        action: "group.moved",
        entityType: "ChatBinding",
        entityId: toChatId,
        unitId: from.unitId,
        before: { chatId: fromChatId },
        after: { chatId: toChatId, keptExisting: keepExisting },
      });
      return true;
    });
  }
}
