// What a Center admin decides by hand: escalate a unit to the People's Committee, or confirm
// the de-escalation the sweep proposed (or close an escalation they opened by hand).
import { inTransaction } from "../../db/transaction.js";
import type { EscalationReason } from "../../domain/escalation-policy.js";
import { type Actor, can } from "../../domain/policy.js";
import { createWorkingCalendar, localDateOf, zonedTimeToInstant } from "../../domain/working-days.js";
import { appendAudit } from "../../repositories/audit.js";
import { CalendarRepository } from "../../repositories/calendar.js";
import { EscalationsRepository, type EscalationView } from "../../repositories/escalations.js";
import { queueEscalationNotices } from "./escalation-notices.js";
import { noticesFor, readEscalationSettings, type SweepDeps } from "./sweep-escalations.js";

export type DecisionOutcome =
  | { kind: "done"; escalation: EscalationView }
  | { kind: "unchanged"; escalation: EscalationView }
  | { kind: "gone" }
  | { kind: "forbidden" };

/** Raises the unit's open escalation to L3, or opens one at L3, with the admin as its reason. */
export async function escalateToPeoplesCommittee(
  deps: SweepDeps,
  input: { actor: Actor; unitId: number; note: string | null },
): Promise<DecisionOutcome> {
  if (!can(input.actor, "escalation.manage", { unitId: input.unitId })) return { kind: "forbidden" };
  const settings = await readEscalationSettings(deps.app);
  const now = deps.app.now();
  return inTransaction(deps.app.db, async (tx) => {
    const unit = await tx.unit.findFirst({ where: { id: input.unitId, active: true }, select: { id: true } });
    if (!unit) return { kind: "gone" };
    const escalations = new EscalationsRepository(tx);
    const current = await escalations.findOpenOfUnit(unit.id);
    if (current?.level === "L3_PEOPLES_COMMITTEE") return { kind: "unchanged", escalation: current };
    const calendar = createWorkingCalendar(await new CalendarRepository(tx).entries());
    const acknowledgeBy = zonedTimeToInstant(
      calendar.addWorkingDays(localDateOf(now, deps.timeZone), settings.acknowledgeWorkingDays),
      17,
      0,
      deps.timeZone,
    );
    const reasons: EscalationReason[] = [
      { code: "MANUAL", level: "L3_PEOPLES_COMMITTEE", byPersonId: input.actor.personId, note: input.note },
      ...(current?.reasons ?? []),
    ];
    const id =
      current?.id ??
      (await escalations.open({
        unitId: unit.id,
        level: "L3_PEOPLES_COMMITTEE",
        reasons,
        at: now,
        openedById: input.actor.personId,
        acknowledgeBy,
      }));
    if (current) await escalations.raise(current.id, "L3_PEOPLES_COMMITTEE", reasons, now, acknowledgeBy);
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: current ? "escalation.raised" : "escalation.opened",
      entityType: "Escalation",
      entityId: id,
      unitId: unit.id,
      after: { level: "L3_PEOPLES_COMMITTEE", manual: true, note: input.note },
    });
    const view = await escalations.find(id);
    await queueEscalationNotices(tx, deps, noticesFor(view, current !== null), `manual-${now.getTime()}`);
    return view ? { kind: "done", escalation: view } : { kind: "gone" };
  });
}

/** Closes the escalation: the de-escalation the sweep proposed, or one opened by hand. */
export async function closeEscalation(
  deps: SweepDeps,
  input: { actor: Actor; escalationId: number },
): Promise<DecisionOutcome> {
  const now = deps.app.now();
  return inTransaction(deps.app.db, async (tx) => {
    const escalations = new EscalationsRepository(tx);
    const escalation = await escalations.find(input.escalationId);
    if (!escalation || escalation.closedAt) return { kind: "gone" };
    if (!can(input.actor, "escalation.manage", { unitId: escalation.unit.id })) return { kind: "forbidden" };
    if (!escalation.deescalationProposedAt && !escalation.manual) return { kind: "unchanged", escalation };
    if (!(await escalations.close(escalation.id, now, input.actor.personId, "CONFIRMED")))
      return { kind: "gone" };
    await appendAudit(tx, {
      actorId: input.actor.personId,
      action: "escalation.closed",
      entityType: "Escalation",
      entityId: escalation.id,
      unitId: escalation.unit.id,
      after: { reason: "CONFIRMED" },
    });
    await queueEscalationNotices(
      tx,
      deps,
      [
        {
          kind: "closed",
          escalationId: escalation.id,
          unit: escalation.unit,
          level: escalation.level,
          reasons: escalation.reasons,
          acknowledgeBy: null,
          raised: false,
        },
      ],
      "closed",
    );
    return { kind: "done", escalation: (await escalations.find(escalation.id)) ?? escalation };
  });
}
