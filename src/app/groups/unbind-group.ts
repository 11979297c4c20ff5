// A group's binding ends: by /unbind from its unit's head (or a Center admin), or because the
// bot was removed from the group (a system actor, "telegram:bot-removed").
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { AppContext } from "../context.js";

export interface UnbindGroupInput {
  by: { actor: Actor } | { actorLabel: string };
  chatId: number;
}

export type UnbindGroupOutcome =
  | { kind: "unbound"; unitId: number }
  /** No active binding (never bound, or already unbound). */
  | { kind: "gone" }
  | { kind: "forbidden" };

export async function unbindGroup(app: AppContext, input: UnbindGroupInput): Promise<UnbindGroupOutcome> {
  return inTransaction(app.db, async (tx): Promise<UnbindGroupOutcome> => {
    const bindings = new ChatBindingsRepository(tx);
    const binding = await bindings.findRow(input.chatId);
    if (!binding?.active) return { kind: "gone" };
    if ("actor" in input.by && !can(input.by.actor, "group.bind", { unitId: binding.unitId }))
      return { kind: "forbidden" };
    await bindings.end(binding.id, app.now());
    await appendAudit(tx, {
      ...("actor" in input.by ? { actorId: input.by.actor.personId } : { actorLabel: input.by.actorLabel }),
      action: "group.unbound",
      entityType: "ChatBinding",
      entityId: input.chatId,
      unitId: binding.unitId,
      before: { unitId: binding.unitId, active: true },
      after: { active: false },
    });
    return { kind: "unbound", unitId: binding.unitId };
  });
}
