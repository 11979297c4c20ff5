import type { DbClient } from "../db/prisma.js";
import type { Role } from "../domain/roles.js";

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

/** An active membership as the rules see it (no person details). */
export interface HeldMembershipRow {
  id: number;
  role: Role;
  unitId: number | null;
}

export class MembershipsRepository {
  constructor(private readonly db: DbClient) {}

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

  /** The person's active memberships (those of deactivated units too), oldest first. */
  async heldBy(personId: number): Promise<HeldMembershipRow[]> {
    return this.db.membership.findMany({
      where: { personId, status: "ACTIVE" },
      orderBy: { id: "asc" },
      select: { id: true, role: true, unitId: true },
    });
  }

  /** The person's active membership with this role in this unit (null: the whole city), if any. */
  async findHeld(personId: number, role: Role, unitId: number | null): Promise<HeldMembershipRow | null> {
    return this.db.membership.findFirst({
      where: { personId, role, unitId, status: "ACTIVE" },
      select: { id: true, role: true, unitId: true },
    });
  }

  /** A new active membership; `inviteId` when an invite brought it. */
  async grant(input: {
    personId: number;
    role: Role;
    unitId: number | null;
    inviteId?: number;
  }): Promise<HeldMembershipRow> {
    return this.db.membership.create({ data: input, select: { id: true, role: true, unitId: true } });
  }

  /**
   * Changes the role, if the membership is still active with the role the change was allowed
   * for (`expectedRole`): a concurrent change makes this one "gone".
   */
  async changeRole(membershipId: number, role: Role, expectedRole: Role): Promise<MembershipChange> {
    const changed = await this.db.membership.updateMany({
      where: { id: membershipId, status: "ACTIVE", role: expectedRole },
      data: { role },
    });
    if (changed.count === 0) return { kind: "gone" };
    return { kind: "done", member: await this.memberOf(membershipId) };
  }

  /**
   * Ends a membership still active with `expectedRole` (else "gone"); the person stops acting
   * as it. Their buttons stop working at once: every update re-reads their active memberships.
   */
  async end(membershipId: number, expectedRole: Role, now: Date): Promise<MembershipChange> {
    const ended = await this.db.membership.updateMany({
      where: { id: membershipId, status: "ACTIVE", role: expectedRole },
      data: { status: "REMOVED", removedAt: now },
    });
    if (ended.count === 0) return { kind: "gone" };
    const member = await this.memberOf(membershipId);
    await this.db.person.updateMany({
      where: { id: member.person.id, activeMembershipId: membershipId },
      data: { activeMembershipId: null },
    });
    return { kind: "done", member };
  }

  private async memberOf(membershipId: number): Promise<MemberView> {
    return toMember(
      await this.db.membership.findUniqueOrThrow({ where: { id: membershipId }, select: memberSelect }),
    );
  }
}
