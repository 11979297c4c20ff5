import type { Db } from "../db/prisma.js";
import type { Role } from "../domain/roles.js";
import { appendAudit } from "./audit.js";
import { lockMembershipsOf } from "./locks.js";

export interface MemberView {
  membershipId: number;
  role: Role;
  unitId: number | null;
  since: Date;
  person: {
    id: number;
    telegramUserId: number;
    firstName: string | null;
    lastName: string | null;
    username: string | null;
  };
}

const memberSelect = {
  id: true,
  role: true,
  unitId: true,
  createdAt: true,
  person: { select: { id: true, telegramUserId: true, firstName: true, lastName: true, username: true } },
} as const;

type MemberRow = {
  id: number;
  role: Role;
  unitId: number | null;
  createdAt: Date;
  person: Omit<MemberView["person"], "telegramUserId"> & { telegramUserId: bigint };
};

const toMember = (row: MemberRow): MemberView => ({
  membershipId: row.id,
  role: row.role,
  unitId: row.unitId,
  since: row.createdAt,
  person: { ...row.person, telegramUserId: Number(row.person.telegramUserId) },
});

export type MembershipChange = { kind: "done"; member: MemberView } | { kind: "gone" };

export class MembershipsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Makes each Telegram user id an active Center admin (CENTER_ADMIN_IDS at start-up).
   * Idempotent; returns the ids that were newly made admins.
   */
  async ensureCenterAdmins(telegramUserIds: readonly number[]): Promise<number[]> {
    const granted: number[] = [];
    for (const telegramUserId of telegramUserIds) {
      const made = await this.db.$transaction(async (tx) => {
        // INSERT … ON CONFLICT DO NOTHING: another instance creating the same person at the
        // same moment makes this wait for it, not fail (an upsert would check, then insert).
        await tx.person.createMany({
          data: [{ telegramUserId: BigInt(telegramUserId) }],
          skipDuplicates: true,
        });
        const person = await tx.person.findUniqueOrThrow({
          where: { telegramUserId: BigInt(telegramUserId) },
        });
        await lockMembershipsOf(tx, person.id);
        const existing = await tx.membership.findFirst({
          where: { personId: person.id, role: "CENTER_ADMIN", unitId: null, status: "ACTIVE" },
        });
        if (existing) return false;
        const membership = await tx.membership.create({
          data: { personId: person.id, role: "CENTER_ADMIN" },
        });
        await appendAudit(tx, {
          actorLabel: "config:CENTER_ADMIN_IDS",
          action: "membership.granted",
          entityType: "Membership",
          entityId: membership.id,
          after: { telegramUserId, role: "CENTER_ADMIN" },
        });
        return true;
      });
      if (made) granted.push(telegramUserId);
    }
    return granted;
  }

  /** The active members of a unit, or (null) those who serve the whole city. Heads first. */
  async listMembers(unitId: number | null): Promise<MemberView[]> {
    const rows = await this.db.membership.findMany({
      where: { unitId, status: "ACTIVE" },
      orderBy: [{ role: "asc" }, { id: "asc" }],
      select: memberSelect,
    });
    return rows.map(toMember);
  }

  /** An active membership, or null when it was removed (or never existed). */
  async findActive(membershipId: number): Promise<MemberView | null> {
    const row = await this.db.membership.findFirst({
      where: { id: membershipId, status: "ACTIVE" },
      select: memberSelect,
    });
    return row ? toMember(row) : null;
  }

  /**
   * Changes the role, if the membership is still active with the role the change was allowed
   * for (`expectedRole`): a concurrent change makes this one "gone".
   */
  async changeRole(
    membershipId: number,
    role: Role,
    actorId: number,
    expectedRole: Role,
  ): Promise<MembershipChange> {
    return this.db.$transaction(async (tx) => {
      const before = await tx.membership.findFirst({
        where: { id: membershipId, status: "ACTIVE", role: expectedRole },
      });
      if (!before) return { kind: "gone" };
      const row = await tx.membership.update({
        where: { id: membershipId },
        data: { role },
        select: memberSelect,
      });
      await appendAudit(tx, {
        actorId,
        action: "membership.roleChanged",
        entityType: "Membership",
        entityId: membershipId,
        unitId: before.unitId,
        before: { role: before.role },
        after: { role },
      });
      return { kind: "done", member: toMember(row) };
    });
  }

  /**
   * Ends a membership (removed by a head or an admin, or left by the member). The person's
   * buttons stop working at once: every update re-reads their active memberships.
   */
  async end(
    membershipId: number,
    actorId: number,
    how: "removed" | "left",
    expectedRole: Role,
    now = new Date(),
  ): Promise<MembershipChange> {
    return this.db.$transaction(async (tx) => {
      const ended = await tx.membership.updateMany({
        where: { id: membershipId, status: "ACTIVE", role: expectedRole },
        data: { status: "REMOVED", removedAt: now },
      });
      if (ended.count === 0) return { kind: "gone" };
      const row = await tx.membership.findUniqueOrThrow({
        where: { id: membershipId },
        select: memberSelect,
      });
      await tx.person.updateMany({
        where: { id: row.person.id, activeMembershipId: membershipId },
        data: { activeMembershipId: null },
      });
      await appendAudit(tx, {
        actorId,
        action: how === "left" ? "membership.left" : "membership.removed",
        entityType: "Membership",
        entityId: membershipId,
        unitId: row.unitId,
        before: { status: "ACTIVE", role: row.role },
        after: { status: "REMOVED" },
      });
      return { kind: "done", member: toMember(row) };
    });
  }
}
