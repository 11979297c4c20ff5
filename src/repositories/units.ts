import type { DbClient } from "../db/prisma.js";
import { normalizeName } from "../domain/names.js";
import type { UnitKind } from "../domain/unit-kind.js";
import type { Prisma, PushTarget } from "../generated/prisma/client.js";

/** How score sheets may name the province itself: the configured name and every PROVINCE unit's names. */
export async function provinceNames(db: DbClient, configured: string | null): Promise<string[]> {
  const provinces = await db.unit.findMany({
    where: { kind: "PROVINCE" },
    select: { nameVi: true, nameEn: true },
  });
  const names = provinces
    .flatMap((unit) => [unit.nameVi, unit.nameEn])
    .filter((name): name is string => !!name);
  return configured ? [configured, ...names] : names;
}

export interface UnitSummary {
  id: number;
  code: string | null;
  nameVi: string;
  nameEn: string | null;
  kind: UnitKind;
  active: boolean;
}

export interface UnitDetail extends UnitSummary {
  pushTarget: PushTarget;
  groupIsInternal: boolean;
  parent: UnitSummary | null;
  children: UnitSummary[];
  memberCount: number;
  groups: Array<{ chatId: number; title: string | null }>;
}

export interface NewUnit {
  code: string | null;
  nameVi: string;
  nameEn?: string | null;
  kind: UnitKind;
  parentId?: number | null;
}

/** What a person may change of a unit by hand (its name, whether it is active, its settings). */
export interface UnitFields {
  nameVi: string;
  nameEn: string | null;
  active: boolean;
  pushTarget: PushTarget;
  groupIsInternal: boolean;
}

const summarySelect = {
  id: true,
  code: true,
  nameVi: true,
  nameEn: true,
  kind: true,
  active: true,
} satisfies Prisma.UnitSelect;

/** Units of the city (departments, districts, communes...) as the Center manages them. */
export class UnitsRepository {
  constructor(private readonly db: DbClient) {}

  async findSummary(id: number): Promise<UnitSummary | null> {
    return this.db.unit.findUnique({ where: { id }, select: summarySelect });
  }

  /** These units, in the order given; unknown ids are left out. */
  async findSummaries(ids: readonly number[]): Promise<UnitSummary[]> {
    const units = await this.db.unit.findMany({ where: { id: { in: [...ids] } }, select: summarySelect });
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async findDetail(id: number): Promise<UnitDetail | null> {
    const row = await this.db.unit.findUnique({
      where: { id },
      select: {
        ...summarySelect,
        pushTarget: true,
        groupIsInternal: true,
        parent: { select: summarySelect },
        children: { select: summarySelect, orderBy: { nameVi: "asc" } },
        chatBindings: { where: { active: true }, select: { chatId: true, title: true } },
        _count: { select: { memberships: { where: { status: "ACTIVE" } } } },
      },
    });
    if (!row) return null;
    const { chatBindings, _count, ...unit } = row;
    return {
      ...unit,
      memberCount: _count.memberships,
      groups: chatBindings.map((binding) => ({ chatId: Number(binding.chatId), title: binding.title })),
    };
  }

  /** The unit with exactly this code (case ignored). */
  async findByCode(code: string): Promise<UnitSummary | null> {
    const trimmed = code.trim();
    if (!trimmed) return null;
    return this.db.unit.findFirst({
      where: { code: { equals: trimmed, mode: "insensitive" } },
      select: summarySelect,
    });
  }

  /** The unit whose code is the query first, then those whose name contains it (accents and case ignored). */
  async search(query: string, limit: number): Promise<UnitSummary[]> {
    const normalized = normalizeName(query);
    const exact = await this.findByCode(query);
    const byName = normalized
      ? await this.db.unit.findMany({
          where: { normalizedName: { contains: normalized } },
          orderBy: [{ active: "desc" }, { nameVi: "asc" }],
          take: limit,
          select: summarySelect,
        })
      : [];
    const others = byName.filter((unit) => unit.id !== exact?.id);
    return (exact ? [exact, ...others] : others).slice(0, limit);
  }

  async count(): Promise<number> {
    return this.db.unit.count();
  }

  /** Units by kind, then name: one page of the whole list. */
  async list(offset: number, limit: number): Promise<UnitSummary[]> {
    return this.db.unit.findMany({
      orderBy: [{ kind: "asc" }, { nameVi: "asc" }],
      skip: offset,
      take: limit,
      select: summarySelect,
    });
  }

  /** Creates the unit; a code or name another unit has fails with a unique violation. */
  async create(unit: NewUnit): Promise<UnitSummary> {
    return this.db.unit.create({
      data: {
        code: unit.code,
        nameVi: unit.nameVi,
        nameEn: unit.nameEn ?? null,
        normalizedName: normalizeName(unit.nameVi),
        kind: unit.kind,
        parentId: unit.parentId ?? null,
      },
      select: summarySelect,
    });
  }

  /** The fields a person may change, as they are now. */
  async findFields(id: number): Promise<UnitFields | null> {
    return this.db.unit.findUnique({
      where: { id },
      select: { nameVi: true, nameEn: true, active: true, pushTarget: true, groupIsInternal: true },
    });
  }

  /** Writes the fields; a new Vietnamese name is also how the unit is found (normalized). */
  async update(id: number, fields: Partial<UnitFields>): Promise<UnitSummary> {
    const data = {
      ...fields,
      ...(fields.nameVi !== undefined ? { normalizedName: normalizeName(fields.nameVi) } : {}),
    };
    return this.db.unit.update({ where: { id }, data, select: summarySelect });
  }

  /** The Telegram ids of the unit's people (active memberships), in role order. */
  async memberTelegramIds(unitId: number): Promise<number[]> {
    const rows = await this.db.membership.findMany({
      where: { unitId, status: "ACTIVE" },
      orderBy: [{ role: "asc" }, { id: "asc" }],
      select: { person: { select: { telegramUserId: true } } },
    });
    return rows.map((row) => Number(row.person.telegramUserId));
  }
}
