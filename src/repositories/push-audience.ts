// Who can receive a unit's monthly push: its heads and officers (with their language and
// whether Telegram still lets the bot reach them) and its bound group.
import type { DbClient } from "../db/prisma.js";
import type { Locale } from "../domain/locale.js";
import { isLocale } from "../domain/locale.js";
import type { PushPerson, PushTarget, PushUnitAudience } from "../domain/push.js";

export interface PushUnit {
  id: number;
  code: string | null;
  nameVi: string;
  nameEn: string | null;
  pushTarget: PushTarget;
}

const personSelect = {
  id: true,
  telegramUserId: true,
  firstName: true,
  lastName: true,
  username: true,
  language: true,
  unreachableSince: true,
} as const;

export class PushAudienceRepository {
  constructor(private readonly db: DbClient) {}

  /** Active units (not the province's own row) that appear in either snapshot. */
  async unitsIn(snapshotIds: { scores: number | null; overdue: number | null }): Promise<PushUnit[]> {
    return this.db.unit.findMany({
      where: {
        active: true,
        kind: { not: "PROVINCE" },
        OR: [
          ...(snapshotIds.scores === null ? [] : [{ scores: { some: { snapshotId: snapshotIds.scores } } }]),
          ...(snapshotIds.overdue === null
            ? []
            : [{ dossierListings: { some: { snapshotId: snapshotIds.overdue } } }]),
        ],
      },
      orderBy: { id: "asc" },
      select: { id: true, code: true, nameVi: true, nameEn: true, pushTarget: true },
    });
  }

  /** The active holders of a role (of one unit, or city-wide roles with no unit). */
  async holdersOf(
    role: "UNIT_HEAD" | "CENTER_ADMIN" | "PC_VIEWER",
    unitId: number | null,
    defaultLocale: Locale,
  ): Promise<PushPerson[]> {
    const rows = await this.db.membership.findMany({
      where: { role, status: "ACTIVE", ...(unitId === null ? {} : { unitId }) },
      orderBy: { id: "asc" },
      distinct: ["personId"],
      select: { person: { select: personSelect } },
    });
    return rows.map((row) => pushPerson(row.person, defaultLocale));
  }

  /** Each unit's heads, officers and active group, in the order of `units`. */
  async audiences(units: readonly PushUnit[], defaultLocale: Locale): Promise<PushUnitAudience[]> {
    const unitIds = units.map((unit) => unit.id);
    const [memberships, bindings] = await Promise.all([
      this.db.membership.findMany({
        where: { unitId: { in: unitIds }, status: "ACTIVE", role: { in: ["UNIT_HEAD", "OFFICER"] } },
        orderBy: { id: "asc" },
        select: { unitId: true, role: true, person: { select: personSelect } },
      }),
      this.db.chatBinding.findMany({
        where: { unitId: { in: unitIds }, active: true },
        orderBy: { id: "desc" },
        select: { id: true, chatId: true, title: true, unitId: true, unreachableSince: true },
      }),
    ]);
    return units.map((unit) => {
      const own = memberships.filter((membership) => membership.unitId === unit.id);
      const binding = bindings.find((candidate) => candidate.unitId === unit.id);
      const people = (role: "UNIT_HEAD" | "OFFICER") =>
        own
          .filter((membership) => membership.role === role)
          .map((membership) => pushPerson(membership.person, defaultLocale));
      return {
        unitId: unit.id,
        pushTarget: unit.pushTarget,
        heads: people("UNIT_HEAD"),
        officers: people("OFFICER"),
        group: binding
          ? {
              chatBindingId: binding.id,
              chatId: Number(binding.chatId),
              title: binding.title,
              unreachable: binding.unreachableSince !== null,
            }
          : null,
      };
    });
  }
}

function pushPerson(
  person: {
    id: number;
    telegramUserId: bigint;
    firstName: string | null;
    lastName: string | null;
    username: string | null;
    language: string | null;
    unreachableSince: Date | null;
  },
  defaultLocale: Locale,
): PushPerson {
  const name = [person.firstName, person.lastName].filter(Boolean).join(" ");
  return {
    personId: person.id,
    telegramUserId: Number(person.telegramUserId),
    name: name || (person.username ? `@${person.username}` : `#${person.telegramUserId}`),
    locale: person.language && isLocale(person.language) ? person.language : defaultLocale,
    unreachable: person.unreachableSince !== null,
  };
}
