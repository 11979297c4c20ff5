// A membership ends: removed by a head (their officers) or a Center admin, or left by the
// member themselves (/leave).
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import { MembershipsRepository, type MemberView } from "../../repositories/memberships.js";
import type { AppContext } from "../context.js";

/**
 * "gone": no longer active (or its role changed since it was shown); "yourself": one's own
 * membership is left, not removed; "forbidden": not the actor's to remove, or to leave.
 */
export type EndMembershipOutcome =
  | { kind: "done"; member: MemberView }
  | { kind: "gone" }
  | { kind: "yourself" }
  | { kind: "forbidden" };

export async function endMembership(
  app: AppContext,
  input: { actor: Actor | null; membershipId: number; how: "removed" | "left" },
): Promise<EndMembershipOutcome> {
  return inTransaction(app.db, async (tx) => {
    const memberships = new MembershipsRepository(tx);
    const member = await memberships.findActive(input.membershipId);
    if (!member) return { kind: "gone" };
    const own = member.person.id === input.actor?.personId;
    if (input.how === "left" && !own) return { kind: "forbidden" };
    if (input.how === "removed") {
      if (own) return { kind: "yourself" };
      if (!can(input.actor, "member.manage", { unitId: member.unitId, roles: [member.role] }))
        return { kind: "forbidden" };
    }
    const ended = await memberships.end(member.membershipId, member.role, app.now());
    if (ended.kind === "gone") return ended;
    await appendAudit(tx, {
      actorId: input.actor?.personId ?? null,
      action: input.how === "left" ? "membership.left" : "membership.removed",
      entityType: "Membership",
      entityId: member.membershipId,
      unitId: member.unitId,
      before: { status: "ACTIVE", role: member.role },
      after: { status: "REMOVED" },
    });
    return ended;
  });
}
