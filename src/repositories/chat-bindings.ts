import type { DbClient } from "../db/prisma.js";

export interface ChatBindingView {
  chatId: number;
  title: string | null;
  unit: { id: number; code: string | null; nameVi: string; nameEn: string | null; groupIsInternal: boolean };
}

/** A binding as stored, whatever its state: what binding, unbinding and moving a group decide on. */
export interface ChatBindingRow {
  id: number;
  chatId: number;
  unitId: number;
  active: boolean;
  unitActive: boolean;
}

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
  constructor(private readonly db: DbClient) {}

  async findActive(chatId: number): Promise<ChatBindingView | null> {
    const row = await this.db.chatBinding.findFirst({
      where: { chatId: BigInt(chatId), active: true, unit: { active: true } },
      select: bindingSelect,
    });
    return row ? toView(row) : null;
  }

  /** The chat's binding, active or not, and whether its unit is still active. */
  async findRow(chatId: number): Promise<ChatBindingRow | null> {
    const row = await this.db.chatBinding.findUnique({
      where: { chatId: BigInt(chatId) },
      select: { id: true, unitId: true, active: true, unit: { select: { active: true } } },
    });
    return row && { id: row.id, chatId, unitId: row.unitId, active: row.active, unitActive: row.unit.active };
  }

  /** The chat's binding as the group sees it, active or not. */
  async findView(chatId: number): Promise<ChatBindingView | null> {
    const row = await this.db.chatBinding.findUnique({
      where: { chatId: BigInt(chatId) },
      select: bindingSelect,
    });
    return row ? toView(row) : null;
  }

  /** Binds the group to the unit, whatever it was bound to before. */
  async bind(
    chatId: number,
    title: string | null,
    unitId: number,
    personId: number,
  ): Promise<ChatBindingView> {
    const row = await this.db.chatBinding.upsert({
      where: { chatId: BigInt(chatId) },
      create: { chatId: BigInt(chatId), title, unitId, boundByPersonId: personId },
      update: { title, unitId, boundByPersonId: personId, active: true, unboundAt: null },
      select: bindingSelect,
    });
    return toView(row);
  }

  async end(id: number, now: Date): Promise<void> {
    await this.db.chatBinding.update({ where: { id }, data: { active: false, unboundAt: now } });
  }

  async remove(id: number): Promise<void> {
    await this.db.chatBinding.deleteMany({ where: { id } });
  }

  /**
   * Moves the binding to the new chat id, or ends it (`end`), only if it is still the active
   * binding of `fromChatId`: false when a concurrent move got there first.
   */
  async moveIfStillBound(
    binding: Pick<ChatBindingRow, "id" | "chatId">,
    change: { toChatId: number } | { endAt: Date },
  ): Promise<boolean> {
    const moved = await this.db.chatBinding.updateMany({
      where: { id: binding.id, chatId: BigInt(binding.chatId), active: true },
      data:
        "endAt" in change ? { active: false, unboundAt: change.endAt } : { chatId: BigInt(change.toChatId) },
    });
    return moved.count > 0;
  }
}
