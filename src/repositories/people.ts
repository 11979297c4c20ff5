import type { Locale } from "../config.js";
import type { MemberRole, PrismaClient } from "../generated/prisma/client.js";
import { appendAudit } from "./audit.js";
import { isUniqueViolation } from "./errors.js";

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
  memberships: MembershipView[];
};

const toView = (row: PersonRow): PersonView => ({
  id: row.id,
  telegramUserId: Number(row.telegramUserId),
  firstName: row.firstName,
  language: row.language,
  activeMembershipId: row.activeMembershipId,
  memberships: row.memberships,
});

/** People who have talked to the bot, with their active memberships. */
export class PeopleRepository {
  constructor(private readonly db: PrismaClient) {}

  async findByTelegramId(telegramUserId: number): Promise<PersonView | null> {
    const row = await this.db.person.findUnique({
      where: { telegramUserId: BigInt(telegramUserId) },
      include: personWithMemberships,
    });
    return row ? toView(row) : null;
  }

  /** Creates the person on first contact; names are refreshed when Telegram reports new ones. */
  async recordContact(user: TelegramIdentity): Promise<PersonView> {
    const names = {
      firstName: user.first_name ?? null,
      lastName: user.last_name ?? null,
      username: user.username ?? null,
    };
    const upsert = () =>
      this.db.person.upsert({
        where: { telegramUserId: BigInt(user.id) },
        create: { telegramUserId: BigInt(user.id), ...names },
        update: names,
        include: personWithMemberships,
      });
    // Prisma's upsert looks, then inserts: a first message handled at the same moment elsewhere
    // (another chat, another instance) may insert in between. Then the person exists: update.
    const row = await upsert().catch((error: unknown) => {
      if (isUniqueViolation(error)) return upsert();
      throw error;
    });
    return toView(row);
  }

  async setLanguage(personId: number, locale: Locale): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const before = await tx.person.findUniqueOrThrow({
        where: { id: personId },
        select: { language: true },
      });
      await tx.person.update({ where: { id: personId }, data: { language: locale } });
      await appendAudit(tx, {
        actorId: personId,
        action: "person.languageChanged",
        entityType: "Person",
        entityId: personId,
        before: { language: before.language },
        after: { language: locale },
      });
    });
  }

  /** Remembers which membership the person acts as; it must be one of their active ones. */
  async setActiveMembership(personId: number, membershipId: number): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const membership = await tx.membership.findFirst({
        where: { id: membershipId, personId, status: "ACTIVE" },
      });
      if (!membership) return false;
      const before = await tx.person.findUniqueOrThrow({ where: { id: personId } });
      await tx.person.update({ where: { id: personId }, data: { activeMembershipId: membershipId } });
      await appendAudit(tx, {
        actorId: personId,
        action: "membership.activated",
        entityType: "Person",
        entityId: personId,
        unitId: membership.unitId,
        before: { activeMembershipId: before.activeMembershipId },
        after: { activeMembershipId: membershipId },
      });
      return true;
    });
  }
}
