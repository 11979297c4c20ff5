import type { DbClient } from "../db/prisma.js";
import { hashInviteCode, type InviteState } from "../domain/invites.js";
import { can } from "../domain/policy.js";
import type { Role } from "../domain/roles.js";
import type { Prisma } from "../generated/prisma/client.js";

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

/** Invite links: created by admins and unit heads, used once (or N times) to link a person to a unit. */
export class InvitesRepository {
  constructor(private readonly db: DbClient) {}

  /** A new invite; only the code's hash is kept (the code itself is shown once). */
  async create(input: {
    codeHash: string;
    role: Role;
    unitId: number | null;
    createdById: number;
    maxUses: number;
    expiresAt: Date;
  }): Promise<InviteView> {
    return toView(await this.db.invite.create({ data: input, select: inviteSelect }));
  }

  /** The unit an invite would link to, with whether it still takes new people. */
  async findUnit(unitId: number): Promise<InviteUnit | null> {
    return this.db.unit.findUnique({ where: { id: unitId }, select: inviteSelect.unit.select });
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

  /** Whether this person has used this invite before (a removed member cannot use it again). */
  async wasUsedBy(inviteId: number, personId: number): Promise<boolean> {
    const use = await this.db.inviteUse.findUnique({ where: { inviteId_personId: { inviteId, personId } } });
    return use !== null;
  }

  /**
   * Takes one use of the invite for this person, if it is still open: of several people
   * racing for the last use, exactly one gets it (the conditional increment), false for the others.
   */
  async takeUse(inviteId: number, personId: number, now: Date): Promise<boolean> {
    const taken = await this.db.invite.updateMany({
      where: {
        id: inviteId,
        revokedAt: null,
        expiresAt: { gt: now },
        usedCount: { lt: this.db.invite.fields.maxUses },
      },
      data: { usedCount: { increment: 1 } },
    });
    if (taken.count === 0) return false;
    await this.db.inviteUse.create({ data: { inviteId, personId, usedAt: now } });
    return true;
  }

  /** Revokes an invite that is still open; false when it was already revoked or unknown. */
  async revoke(id: number, now: Date): Promise<boolean> {
    const revoked = await this.db.invite.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    return revoked.count > 0;
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
