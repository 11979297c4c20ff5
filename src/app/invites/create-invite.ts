// /invite: a Center admin (any unit, any role) or a unit head (officers of their own unit)
// creates an invite link.
import { randomBytes } from "node:crypto";
import { inTransaction } from "../../db/transaction.js";
import { allowedUses, hashInviteCode, inviteCodeFromRandom, inviteExpiry } from "../../domain/invites.js";
import { type Actor, can } from "../../domain/policy.js";
import { isUnitRole, type Role } from "../../domain/roles.js";
import { appendAudit } from "../../repositories/audit.js";
import { InvitesRepository, type InviteView } from "../../repositories/invites.js";
import type { AppContext } from "../context.js";

/** `code` is shown once, in the link: only its hash is stored. */
export type CreateInviteOutcome = { kind: "done"; invite: InviteView; code: string } | { kind: "forbidden" };

export async function createInvite(
  app: AppContext,
  input: {
    actor: Actor | null;
    role: Role;
    /** null: the whole city (Center admins, People's Committee viewers). */
    unitId: number | null;
    requestedUses: number;
    ttlDays: number;
  },
): Promise<CreateInviteOutcome> {
  const { actor, role } = input;
  const uses = allowedUses(role, input.requestedUses);
  if (!actor || uses === null) return { kind: "forbidden" };
  const code = inviteCodeFromRandom(randomBytes(16));
  return inTransaction(app.db, async (tx) => {
    const invites = new InvitesRepository(tx);
    const unit = input.unitId === null ? null : await invites.findUnit(input.unitId);
    const unitId = unit?.id ?? null;
    // Unit roles need an active unit; city-wide roles need none.
    const placeFits = input.unitId === null ? !isUnitRole(role) : unit?.active === true && isUnitRole(role);
    if (!placeFits || !can(actor, "invite.create", { unitId, roles: [role] })) return { kind: "forbidden" };
    const invite = await invites.create({
      codeHash: hashInviteCode(code),
      role,
      unitId,
      createdById: actor.personId,
      maxUses: uses,
      expiresAt: inviteExpiry(app.now(), input.ttlDays),
    });
    await appendAudit(tx, {
      actorId: actor.personId,
      action: "invite.created",
      entityType: "Invite",
      entityId: invite.id,
      unitId,
      after: { role, unitId, maxUses: uses, expiresAt: invite.expiresAt.toISOString() },
    });
    return { kind: "done", invite, code };
  });
}
