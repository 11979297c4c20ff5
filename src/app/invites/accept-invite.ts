// The person an invite is for confirms it: they are linked with its role in its unit.
import type { DbClient } from "../../db/prisma.js";
import { inTransaction } from "../../db/transaction.js";
import { type InviteRefusal, refusalFor } from "../../domain/invites.js";
import { membershipsReplacedByLinking } from "../../domain/memberships.js";
import { appendAudit } from "../../repositories/audit.js";
import { InvitesRepository, type InviteView } from "../../repositories/invites.js";
import { lockMembershipsOf } from "../../repositories/locks.js";
import { MembershipsRepository } from "../../repositories/memberships.js";
import { PeopleRepository } from "../../repositories/people.js";
import type { AppContext } from "../context.js";
import { lockoutMinutes } from "./guessing.js";

export type AcceptInviteOutcome =
  | { kind: "linked"; invite: InviteView; membershipId: number }
  | { kind: "alreadyMember"; invite: InviteView }
  | { kind: "refused"; status: InviteRefusal }
  | { kind: "lockedOut"; minutes: number };

/**
 * Links the person with the invite's role in its unit, if the invite is still good; any other
 * role they held in that unit ends (one role per unit). Of several people racing for the last
 * use, exactly one gets it; of two invites taken by one person at once, one links them. Every
 * try counts for the guessing lockout; `code` null is a malformed one.
 */
export async function acceptInvite(
  app: AppContext,
  input: { telegramUserId: number; personId: number; code: string | null },
): Promise<AcceptInviteOutcome> {
  const now = app.now();
  const { personId, code } = input;
  return inTransaction(app.db, async (tx) => {
    const invites = new InvitesRepository(tx);
    const minutes = await lockoutMinutes(invites, input.telegramUserId, now);
    if (minutes > 0) return { kind: "lockedOut", minutes };
    const outcome = code === null ? refused("unknown") : await link(tx, code, personId, now);
    await invites.recordAttempt(input.telegramUserId, personId, outcome.kind !== "refused", now);
    return outcome;
  });
}

function refused(status: InviteRefusal): AcceptInviteOutcome {
  return { kind: "refused", status };
}

async function link(tx: DbClient, code: string, personId: number, now: Date): Promise<AcceptInviteOutcome> {
  const invites = new InvitesRepository(tx);
  const memberships = new MembershipsRepository(tx);
  await lockMembershipsOf(tx, personId);
  const invite = await invites.findByCode(code);
  if (!invite) return refused("unknown");
  const unitId = invite.unit?.id ?? null;
  // A second press of Join is not an error, whatever the invite's state now.
  if (await memberships.findHeld(personId, invite.role, unitId)) return { kind: "alreadyMember", invite };
  const refusal = refusalFor(invite, personId, now);
  if (refusal) return refused(refusal);
  if (await invites.wasUsedBy(invite.id, personId)) return refused("used");
  if (!(await invites.takeUse(invite.id, personId, now))) return refused("used");
  for (const other of membershipsReplacedByLinking(await memberships.heldBy(personId), unitId)) {
    await memberships.end(other.id, other.role, now);
    await appendAudit(tx, {
      actorId: personId,
      action: "membership.replaced",
      entityType: "Membership",
      entityId: other.id,
      unitId,
      before: { status: "ACTIVE", role: other.role },
      after: { status: "REMOVED" },
    });
  }
  const membership = await memberships.grant({ personId, role: invite.role, unitId, inviteId: invite.id });
  await new PeopleRepository(tx).setActiveMembership(personId, membership.id);
  await appendAudit(tx, {
    actorId: personId,
    action: "membership.linked",
    entityType: "Membership",
    entityId: membership.id,
    unitId,
    after: { role: invite.role, unitId, inviteId: invite.id },
  });
  return { kind: "linked", invite, membershipId: membership.id };
}
