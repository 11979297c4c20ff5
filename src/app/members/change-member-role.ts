// /members, "make head" / "make officer": a Center admin (or a head, over officers) changes a
// member's role in their unit.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { isUnitRole, type Role } from "../../domain/roles.js";
import { appendAudit } from "../../repositories/audit.js";
import { MembershipsRepository, type MemberView } from "../../repositories/memberships.js";
import type { AppContext } from "../context.js";

/**
 * "gone": the membership is no longer active (or its role changed meanwhile); "yourself": the
 * actor's own membership, which nobody changes for themselves here.
 */
export type ChangeMemberRoleOutcome =
  | { kind: "done"; member: MemberView }
  | { kind: "gone" }
  | { kind: "yourself" }
  | { kind: "forbidden" };

export async function changeMemberRole(
  app: AppContext,
  input: { actor: Actor | null; membershipId: number; role: Role },
): Promise<ChangeMemberRoleOutcome> {
  return inTransaction(app.db, async (tx) => {
    const memberships = new MembershipsRepository(tx);
    const member = await memberships.findActive(input.membershipId);
    if (!member) return { kind: "gone" };
    if (member.person.id === input.actor?.personId) return { kind: "yourself" };
    const resource = { unitId: member.unitId, roles: [member.role, input.role] };
    if (!can(input.actor, "member.manage", resource) || !isUnitRole(input.role) || member.unitId === null)
      return { kind: "forbidden" };
    // Read and write are two statements: a change committed in between makes this one "gone".
    const change = await memberships.changeRole(member.membershipId, input.role, member.role);
    if (change.kind === "gone") return change;
    await appendAudit(tx, {
      actorId: input.actor?.personId ?? null,
      action: "membership.roleChanged",
      entityType: "Membership",
      entityId: member.membershipId,
      unitId: member.unitId,
      before: { role: member.role },
      after: { role: input.role },
    });
    return change;
  });
}
