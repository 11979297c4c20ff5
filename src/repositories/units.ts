import type { Db } from "../db/prisma.js";
import { normalizeName } from "../domain/names.js";
import type { UnitKind } from "../domain/unit-kind.js";
import type { Prisma, PushTarget } from "../generated/prisma/client.js";
import { appendAudit } from "./audit.js";
import { isUniqueViolation } from "./errors.js";

/** How score sheets may name the province itself: the configured name and every PROVINCE unit's names. */
export async function provinceNames(db: Db, configured: string | null): Promise<string[]> {
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

export type UnitWrite =
  | { kind: "done"; unit: UnitSummary }
  /** The unit already was so: nothing written, nothing audited. */
  | { kind: "unchanged"; unit: UnitSummary }
  | { kind: "duplicate" }
  | { kind: "gone" };

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
  constructor(private readonly db: Db) {}

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

  async add(unit: NewUnit, actorId: number): Promise<UnitWrite> {
    try {
      return await this.db.$transaction(async (tx) => {
        const created = await tx.unit.create({
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
        await appendAudit(tx, {
          actorId,
          action: "unit.created",
          entityType: "Unit",
          entityId: created.id,
          unitId: created.id,
          after: { ...created, parentId: unit.parentId ?? null },
        });
        return { kind: "done" as const, unit: created };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: "duplicate" };
      throw error;
    }
  }

  async rename(id: number, nameVi: string, actorId: number): Promise<UnitWrite> {
    try {
      // The English name was a translation of the old name: it goes with it.
      return await this.update(id, actorId, "unit.renamed", {
        nameVi,
        nameEn: null,
        normalizedName: normalizeName(nameVi),
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: "duplicate" };
      throw error;
    }
  }

  async setActive(id: number, active: boolean, actorId: number): Promise<UnitWrite> {
    return this.update(id, actorId, active ? "unit.reactivated" : "unit.deactivated", { active });
  }

  /** A unit's delivery settings: where pushes go, and whether its group may see applicants' names. */
  async configure(
    id: number,
    settings: { pushTarget?: PushTarget; groupIsInternal?: boolean },
    actorId: number,
  ): Promise<UnitWrite> {
    return this.update(id, actorId, "unit.configured", settings);
  }

  private async update(
    id: number,
    actorId: number,
    action: string,
    data: Prisma.UnitUpdateInput,
  ): Promise<UnitWrite> {
    return this.db.$transaction(async (tx) => {
      const before = await tx.unit.findUnique({ where: { id } });
      if (!before) return { kind: "gone" as const };
      const current: Record<string, unknown> = before;
      const fields = data as Record<string, unknown>;
      const changed = Object.keys(data).filter(
        (key) => key !== "normalizedName" && fields[key] !== current[key],
      );
      // A press that changes nothing (the same setting twice) writes nothing and is not audited.
      if (changed.length === 0) {
        return {
          kind: "unchanged" as const,
          unit: await tx.unit.findUniqueOrThrow({ where: { id }, select: summarySelect }),
        };
      }
      const after = await tx.unit.update({ where: { id }, data, select: summarySelect });
      await appendAudit(tx, {
        actorId,
        action,
        entityType: "Unit",
        entityId: id,
        unitId: id,
        before: pick(before, changed),
        after: pick({ ...before, ...data }, changed),
      });
      return { kind: "done" as const, unit: after };
    });
  }
}

function pick(record: Record<string, unknown>, keys: readonly string[]): Prisma.InputJsonObject {
  return Object.fromEntries(keys.map((key) => [key, record[key] as Prisma.InputJsonValue]));
}
