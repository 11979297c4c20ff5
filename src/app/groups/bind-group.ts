// A unit's head (or a Center admin) binds a group chat to the unit (/bind): the unit's group
// pushes go there. The bot checks first that the sender is an admin of the group.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import { ChatBindingsRepository, type ChatBindingView } from "../../repositories/chat-bindings.js";
import { UnitsRepository } from "../../repositories/units.js";
import type { AppContext } from "../context.js";

export interface BindGroupInput {
  actor: Actor;
  chatId: number;
  title: string | null;
  unitId: number;
}

export type BindGroupOutcome =
  | { kind: "bound"; binding: ChatBindingView }
  /** The group is bound (to this unit or another, still active): it stays as it is. */
  | { kind: "alreadyBound"; binding: ChatBindingView }
  /** The unit is no more, or was deactivated. */
  | { kind: "gone" }
  | { kind: "forbidden" };

export async function bindGroup(app: AppContext, input: BindGroupInput): Promise<BindGroupOutcome> {
  return inTransaction(app.db, async (tx): Promise<BindGroupOutcome> => {
    const unit = await new UnitsRepository(tx).findSummary(input.unitId);
    if (!unit?.active) return { kind: "gone" };
    if (!can(input.actor, "group.bind", { unitId: unit.id })) return { kind: "forbidden" };
    const bindings = new ChatBindingsRepository(tx);
    const existing = await bindings.findRow(input.chatId);
    // A group bound to a unit that was since deactivated is free to be bound again.
    if (existing?.active && existing.unitActive) {
      const binding = await bindings.findView(input.chatId);
      if (binding) return { kind: "alreadyBound", binding };
    }
    const binding = await bindings.bind(input.chatId, input.title, unit.id, input.actor.personId);
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "group.bound",
      entityType: "ChatBinding",
      entityId: input.chatId,
      unitId: unit.id,
      after: { chatId: input.chatId, title: input.title, unitId: unit.id },
    });
    return { kind: "bound", binding };
  });
}
