import { randomBytes } from "node:crypto";
import type { Db, DbTransaction } from "../db/prisma.js";
import {
  hashInviteCode,
  type InviteState,
  type InviteStatus,
  inviteCodeFromRandom,
  inviteStatus,
} from "../domain/invites.js";
import { can } from "../domain/policy.js";
import type { Role } from "../domain/roles.js";
import type { Prisma } from "../generated/prisma/client.js";
import { appendAudit } from "./audit.js";
import { lockMembershipsOf } from "./locks.js";

export interface InviteUnit {
  id: number;
  code: string | null;
  nameVi: string;
  nameEn: string | null;
  active: boolean;
}

export interface InviteView extends InviteState {
  id: number;
  role: Role;
  unit: InviteUnit | null;
  createdById: number | null;
}

/** Why an invite cannot link this person: its own state, or that they created it themselves. */
export type InviteRefusal = Exclude<InviteStatus, "valid"> | "unknown" | "ownInvite";

export type AcceptOutcome =
  | { kind: "linked"; invite: InviteView; membershipId: number }
  | { kind: "alreadyMember"; invite: InviteView }
  | { kind: "refused"; status: InviteRefusal };

const activeMemberships = {
  where: { status: "ACTIVE" as const, OR: [{ unitId: null }, { unit: { active: true } }] },
  select: { id: true, role: true, unitId: true },
};

const inviteSelect = {
  id: true,
  role: true,
  maxUses: true,
  usedCount: true,
  expiresAt: true,
  revokedAt: true,
  createdById: true,
  unit: { select: { id: true, code: true, nameVi: true, nameEn: true, active: true } },
  createdBy: { select: { id: true, memberships: activeMemberships } },
} satisfies Prisma.InviteSelect;

type InviteRow = Prisma.InviteGetPayload<{ select: typeof inviteSelect }>;

/** The invite with what its status depends on: its unit still active, its creator still entitled. */
function toView(row: InviteRow): InviteView {
  const { createdBy, ...invite } = row;
  const creator = createdBy ? { personId: createdBy.id, memberships: createdBy.memberships } : null;
  return {
    ...invite,
    unitActive: invite.unit?.active ?? true,
    creatorMayInvite: can(creator, "invite.create", {
      unitId: invite.unit?.id ?? null,
      roles: [invite.role],
    }),
  };
}

/** What stops this person from using the invite now, or null when nothing does. */
export function refusalFor(
  invite: InviteView | null,
  personId: number | null,
  now: Date,
): InviteRefusal | null {
  if (!invite) return "unknown";
  if (personId !== null && invite.createdById === personId) return "ownInvite";
  const status = inviteStatus(invite, now);
  return status === "valid" ? null : status;
}

/** Invite links: created by admins and unit heads, used once (or N times) to link a person to a unit. */
export class InvitesRepository {
  constructor(private readonly db: Db) {}

  /** A new invite; the code is returned once and only its hash is kept. */
  async create(input: {
    role: Role;
    unitId: number | null;
    createdById: number;
    maxUses: number;
    expiresAt: Date;
  }): Promise<{ invite: InviteView; code: string }> {
    const code = inviteCodeFromRandom(randomBytes(16));
    const invite = await this.db.$transaction(async (tx) => {
      const created = toView(
        await tx.invite.create({ data: { ...input, codeHash: hashInviteCode(code) }, select: inviteSelect }),
      );
      await appendAudit(tx, {
        actorId: input.createdById,
        action: "invite.created",
        entityType: "Invite",
        entityId: created.id,
        unitId: input.unitId,
        after: {
          role: input.role,
          unitId: input.unitId,
          maxUses: input.maxUses,
          expiresAt: input.expiresAt.toISOString(),
        },
      });
      return created;
    });
    return { invite, code };
  }

  async findByCode(code: string): Promise<InviteView | null> {
    const row = await this.db.invite.findUnique({
      where: { codeHash: hashInviteCode(code) },
      select: inviteSelect,
    });
    return row ? toView(row) : null;
  }

  async findById(id: number): Promise<InviteView | null> {
    const row = await this.db.invite.findUnique({ where: { id }, select: inviteSelect });
    return row ? toView(row) : null;
  }

  /**
   * Links the person with the invite's role in its unit, if the invite is still good. Of
   * several people racing for the last use, exactly one gets it.
   */
  async accept(code: string, personId: number, now: Date): Promise<AcceptOutcome> {
    return this.db.$transaction(async (tx) => {
      await lockMembershipsOf(tx, personId);
      const row = await tx.invite.findUnique({
        where: { codeHash: hashInviteCode(code) },
        select: inviteSelect,
      });
      const invite = row ? toView(row) : null;
      if (!invite) return { kind: "refused", status: "unknown" };
      // A second press of Join is not an error, whatever the invite's state now.
      const existing = await tx.membership.findFirst({
        where: { personId, role: invite.role, unitId: invite.unit?.id ?? null, status: "ACTIVE" },
      });
      if (existing) return { kind: "alreadyMember", invite };
      const refusal = refusalFor(invite, personId, now);
      if (refusal) return { kind: "refused", status: refusal };
      const usedBefore = await tx.inviteUse.findUnique({
        where: { inviteId_personId: { inviteId: invite.id, personId } },
      });
      if (usedBefore) return { kind: "refused", status: "used" };
      const taken = await tx.invite.updateMany({
        where: {
          id: invite.id,
          revokedAt: null,
          expiresAt: { gt: now },
          usedCount: { lt: tx.invite.fields.maxUses },
        },
        data: { usedCount: { increment: 1 } },
      });
      if (taken.count === 0) return { kind: "refused", status: "used" };
      await tx.inviteUse.create({ data: { inviteId: invite.id, personId, usedAt: now } });
      await endOtherRoleInUnit(tx, personId, invite.unit?.id ?? null, now);
      const membership = await tx.membership.create({
        data: { personId, role: invite.role, unitId: invite.unit?.id ?? null, inviteId: invite.id },
      });
      await tx.person.update({ where: { id: personId }, data: { activeMembershipId: membership.id } });
      await appendAudit(tx, {
        actorId: personId,
        action: "membership.linked",
        entityType: "Membership",
        entityId: membership.id,
        unitId: membership.unitId,
        after: { role: membership.role, unitId: membership.unitId, inviteId: invite.id },
      });
      return { kind: "linked", invite, membershipId: membership.id };
    });
  }

  /** Revokes an invite that is still open; false when it was already revoked or unknown. */
  async revoke(id: number, actorId: number, now: Date): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const revoked = await tx.invite.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: now },
      });
      if (revoked.count === 0) return false;
      const invite = await tx.invite.findUniqueOrThrow({ where: { id } });
      await appendAudit(tx, {
        actorId,
        action: "invite.revoked",
        entityType: "Invite",
        entityId: id,
        unitId: invite.unitId,
        before: { revokedAt: null },
        after: { revokedAt: now.toISOString() },
      });
      return true;
    });
  }

  /** Invites that can still be used, newest first (for /invites). */
  async listOpen(unitIds: readonly number[] | "all", now: Date): Promise<InviteView[]> {
    const rows = await this.db.invite.findMany({
      where: {
        revokedAt: null,
        expiresAt: { gt: now },
        usedCount: { lt: this.db.invite.fields.maxUses },
        ...(unitIds === "all" ? {} : { unitId: { in: [...unitIds] } }),
      },
      orderBy: { id: "desc" },
      take: 30,
      select: inviteSelect,
    });
    return rows.map(toView);
  }

  async recordAttempt(telegramUserId: number, personId: number | null, succeeded: boolean, at: Date) {
    await this.db.inviteAttempt.create({
      data: { telegramUserId: BigInt(telegramUserId), personId, succeeded, at },
    });
  }

  /** When this user's wrong codes since `since` were sent. */
  async failuresSince(telegramUserId: number, since: Date): Promise<Date[]> {
    const rows = await this.db.inviteAttempt.findMany({
      where: { telegramUserId: BigInt(telegramUserId), succeeded: false, at: { gte: since } },
      select: { at: true },
    });
    return rows.map((row) => row.at);
  }
}

/** One person holds one role in a unit: an officer who accepts a head's invite stops being an officer there. */
async function endOtherRoleInUnit(tx: DbTransaction, personId: number, unitId: number | null, now: Date) {
  if (unitId === null) return;
  const others = await tx.membership.findMany({ where: { personId, unitId, status: "ACTIVE" } });
  for (const other of others) {
    await tx.membership.update({ where: { id: other.id }, data: { status: "REMOVED", removedAt: now } });
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
}
