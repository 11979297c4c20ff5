// /invites: whoever may hand out an invite's role in its unit may revoke it.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import { InvitesRepository, type InviteView } from "../../repositories/invites.js";
import type { AppContext } from "../context.js";

/** "alreadyRevoked": someone revoked it first (nothing changed); "gone": no such invite. */
export type RevokeInviteOutcome =
  | { kind: "done"; invite: InviteView }
  | { kind: "alreadyRevoked"; invite: InviteView }
  | { kind: "gone" }
  | { kind: "forbidden" };

export async function revokeInvite(
  app: AppContext,
  input: { actor: Actor | null; inviteId: number },
): Promise<RevokeInviteOutcome> {
  return inTransaction(app.db, async (tx) => {
    const invites = new InvitesRepository(tx);
    const invite = await invites.findById(input.inviteId);
    if (!invite) return { kind: "gone" };
    const { actor } = input;
    if (!actor || !can(actor, "invite.revoke", { unitId: invite.unit?.id ?? null, roles: [invite.role] }))
      return { kind: "forbidden" };
    const now = app.now();
    if (!(await invites.revoke(invite.id, now))) return { kind: "alreadyRevoked", invite };
    await appendAudit(tx, {
      actorId: actor.personId,
      action: "invite.revoked",
      entityType: "Invite",
      entityId: invite.id,
      unitId: invite.unit?.id ?? null,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
    });
    return { kind: "done", invite };
  });
}
