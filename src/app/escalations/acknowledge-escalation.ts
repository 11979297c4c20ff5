// The unit head (or a Center admin) acknowledges an escalation: who and when are recorded once.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import { EscalationsRepository, type EscalationView } from "../../repositories/escalations.js";
import type { AppContext } from "../context.js";

export type AcknowledgeOutcome =
  | { kind: "done"; escalation: EscalationView }
  | { kind: "already"; escalation: EscalationView }
  | { kind: "gone" }
  | { kind: "forbidden" };

export async function acknowledgeEscalation(
  app: AppContext,
  input: { actor: Actor; escalationId: number },
): Promise<AcknowledgeOutcome> {
  return inTransaction(app.db, async (tx) => {
    const escalations = new EscalationsRepository(tx);
    const escalation = await escalations.find(input.escalationId);
    if (!escalation || escalation.closedAt) return { kind: "gone" };
    const unit = { unitId: escalation.unit.id };
    if (!can(input.actor, "escalation.acknowledge", unit) && !can(input.actor, "escalation.manage", unit))
      return { kind: "forbidden" };
    if (!(await escalations.acknowledge(escalation.id, input.actor.personId, app.now())))
      return { kind: "already", escalation };
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "escalation.acknowledged",
      entityType: "Escalation",
      entityId: escalation.id,
      unitId: escalation.unit.id,
      after: { level: escalation.level },
    });
    return { kind: "done", escalation: (await escalations.find(escalation.id)) ?? escalation };
  });
}
