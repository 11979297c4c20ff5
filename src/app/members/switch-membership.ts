// /switch: a person with several memberships picks the one they act as; it is remembered.
import { inTransaction } from "../../db/transaction.js";
import { appendAudit } from "../../repositories/audit.js";
import { MembershipsRepository } from "../../repositories/memberships.js";
import { PeopleRepository } from "../../repositories/people.js";
import type { AppContext } from "../context.js";

/** "gone": the membership is no longer active, or is not this person's. */
export type SwitchMembershipOutcome = { kind: "done" } | { kind: "gone" };

export async function switchMembership(
  app: AppContext,
  input: { personId: number; membershipId: number },
): Promise<SwitchMembershipOutcome> {
  return inTransaction(app.db, async (tx) => {
    const people = new PeopleRepository(tx);
    const membership = await new MembershipsRepository(tx).findActive(input.membershipId);
    const before = await people.choicesOf(input.personId);
    if (!membership || membership.person.id !== input.personId || !before) return { kind: "gone" };
    await people.setActiveMembership(input.personId, input.membershipId);
    await appendAudit(tx, {
      actorId: input.personId,
      action: "membership.activated",
      entityType: "Person",
      entityId: input.personId,
      unitId: membership.unitId,
      before: { activeMembershipId: before.activeMembershipId },
      after: { activeMembershipId: input.membershipId },
    });
    return { kind: "done" };
  });
}
