import type { Locale } from "../config.js";
import type { DbClient } from "../db/prisma.js";
import type { MemberRole } from "../generated/prisma/client.js";

export interface TelegramIdentity {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface MembershipView {
  id: number;
  role: MemberRole;
  unit: { id: number; code: string | null; nameVi: string; nameEn: string | null } | null;
}

export interface PersonView {
  id: number;
  telegramUserId: number;
  firstName: string | null;
  language: string | null;
  activeMembershipId: number | null;
  memberships: MembershipView[];
  /** A message the bot started was refused (blocked, account gone) and nothing came since. */
  unreachable: boolean;
}

export interface PersonChoices {
  language: string | null;
  activeMembershipId: number | null;
}

/** Active memberships only; a deactivated unit's memberships grant nothing. */
const personWithMemberships = {
  memberships: {
    where: { status: "ACTIVE" as const, OR: [{ unitId: null }, { unit: { active: true } }] },
    orderBy: { id: "asc" as const },
    select: {
      id: true,
      role: true,
      unit: { select: { id: true, code: true, nameVi: true, nameEn: true } },
    },
  },
};

type PersonRow = {
  id: number;
  telegramUserId: bigint;
  firstName: string | null;
  language: string | null;
  activeMembershipId: number | null;
  unreachableSince: Date | null;
  memberships: MembershipView[];
};

const toView = (row: PersonRow): PersonView => ({
  id: row.id,
  telegramUserId: Number(row.telegramUserId),
  firstName: row.firstName,
  language: row.language,
  activeMembershipId: row.activeMembershipId,
  memberships: row.memberships,
  unreachable: row.unreachableSince !== null,
});

/** People who have talked to the bot, with their active memberships. */
export class PeopleRepository {
  constructor(private readonly db: DbClient) {}

  async findByTelegramId(telegramUserId: number): Promise<PersonView | null> {
    const row = await this.db.person.findUnique({
      where: { telegramUserId: BigInt(telegramUserId) },
      include: personWithMemberships,
    });
    return row ? toView(row) : null;
  }

  /**
   * Creates the person on first contact; names are refreshed when Telegram reports new ones.
   * Prisma's upsert looks, then inserts: a first message handled at the same moment elsewhere
   * may insert in between, and this fails with a unique violation (the caller tries again).
   */
  async upsertContact(user: TelegramIdentity): Promise<PersonView> {
    const names = {
      firstName: user.first_name ?? null,
      lastName: user.last_name ?? null,
      username: user.username ?? null,
    };
    const row = await this.db.person.upsert({
      where: { telegramUserId: BigInt(user.id) },
      create: { telegramUserId: BigInt(user.id), ...names },
      update: names,
      include: personWithMemberships,
    });
    return toView(row);
  }

  /**
   * Records these Telegram users as people unless they are already, and returns each one's
   * person id. INSERT … ON CONFLICT DO NOTHING: another instance recording the same person at
   * the same moment makes this wait for it, not fail (an upsert would check, then insert).
   */
  async recordIds(telegramUserIds: readonly number[]): Promise<Map<number, number>> {
    await this.db.person.createMany({
      data: telegramUserIds.map((id) => ({ telegramUserId: BigInt(id) })),
      skipDuplicates: true,
    });
    const rows = await this.db.person.findMany({
      where: { telegramUserId: { in: telegramUserIds.map(BigInt) } },
      select: { id: true, telegramUserId: true },
    });
    return new Map(rows.map((row) => [Number(row.telegramUserId), row.id]));
  }

  /** What the person chose for themselves (language, the membership they act as), or null when unknown. */
  async choicesOf(personId: number): Promise<PersonChoices | null> {
    return this.db.person.findUnique({
      where: { id: personId },
      select: { language: true, activeMembershipId: true },
    });
  }

  /** The person wrote to the bot: whatever refused a message earlier no longer holds. */
  async markReachable(personId: number): Promise<void> {
    await this.db.person.updateMany({
      where: { id: personId, unreachableSince: { not: null } },
      data: { unreachableSince: null },
    });
  }

  async setLanguage(personId: number, locale: Locale): Promise<void> {
    await this.db.person.update({ where: { id: personId }, data: { language: locale } });
  }

  /** Remembers which membership the person acts as. */
  async setActiveMembership(personId: number, membershipId: number): Promise<void> {
    await this.db.person.update({ where: { id: personId }, data: { activeMembershipId: membershipId } });
  }
}
