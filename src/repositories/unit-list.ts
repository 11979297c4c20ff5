// The unit list written: the units a list is checked against, and the writes of a checked
// list (new units, changed ones, the import batch and an audit event for each). The use-case
// (src/app/units/import-unit-list.ts) plans between the two, in one transaction.

import type { DbClient } from "../db/prisma.js";
import { normalizeName } from "../domain/names.js";
import type * as Plan from "../domain/unit-list-plan-types.js";
import type { Prisma } from "../generated/prisma/client.js";
import { appendAudit } from "./audit.js";

export interface UnitListProvenance {
  fileName: string;
  fileSha256: string;
  source: "BOT" | "CLI";
  actorId: number | null;
  actorLabel: string | null;
}

const existingSelect = {
  id: true,
  code: true,
  nameVi: true,
  nameEn: true,
  normalizedName: true,
  kind: true,
  parentId: true,
} satisfies Prisma.UnitSelect;

export class UnitListRepository {
  constructor(private readonly db: DbClient) {}

  /** Every unit, as a unit list is checked against. */
  async existingUnits(): Promise<Plan.ExistingUnit[]> {
    return this.db.unit.findMany({ select: existingSelect });
  }

  /** Creates and updates the units, then records the import batch (`rowCount` rows read). */
  async write(writes: Plan.UnitListWrites, rowCount: number, provenance: UnitListProvenance): Promise<void> {
    const createdIds = new Map<string, number>();
    const parentId = (parent: Plan.ParentRef | null): number | null => {
      if (parent === null) return null;
      if ("id" in parent) return parent.id;
      const id = createdIds.get(parent.code);
      if (id === undefined) throw new Error(`unit ${parent.code} is created after its children`);
      return id;
    };
    for (const unit of writes.creates)
      createdIds.set(unit.code, await createUnit(this.db, unit, parentId, provenance));
    for (const update of writes.updates) await updateUnit(this.db, update, parentId, provenance);

    const summary = {
      created: writes.creates.length,
      updated: writes.updates.length,
      unchanged: writes.unchanged,
    };
    const batch = await this.db.importBatch.create({
      data: {
        kind: "UNIT_LIST",
        source: provenance.source,
        fileName: provenance.fileName,
        fileSha256: provenance.fileSha256,
        importedById: provenance.actorId,
        rowCount,
        summary,
      },
    });
    await appendAudit(this.db, {
      ...auditActor(provenance),
      action: "unit.listImported",
      entityType: "ImportBatch",
      entityId: batch.id,
      after: { ...summary, fileName: provenance.fileName, fileSha256: provenance.fileSha256 },
    });
  }
}

type Actor = Pick<UnitListProvenance, "actorId" | "actorLabel">;

function auditActor(provenance: Actor) {
  return {
    actorId: provenance.actorId,
    ...(provenance.actorLabel ? { actorLabel: provenance.actorLabel } : {}),
  };
}

async function createUnit(
  db: DbClient,
  unit: Plan.UnitCreate,
  parentId: (parent: Plan.ParentRef | null) => number | null,
  provenance: Actor,
): Promise<number> {
  const data = {
    code: unit.code,
    nameVi: unit.nameVi,
    nameEn: unit.nameEn,
    kind: unit.kind,
    parentId: parentId(unit.parent),
  };
  const created = await db.unit.create({
    data: { ...data, normalizedName: unit.normalizedName },
    select: { id: true },
  });
  await appendAudit(db, {
    ...auditActor(provenance),
    action: "unit.created",
    entityType: "Unit",
    entityId: created.id,
    unitId: created.id,
    after: { ...data, by: "unitList" },
  });
  return created.id;
}

async function updateUnit(
  db: DbClient,
  { unit, changes }: Plan.UnitUpdate,
  parentId: (parent: Plan.ParentRef | null) => number | null,
  provenance: Actor,
): Promise<void> {
  const after = columnValues(changes, parentId);
  const before = Object.fromEntries(
    Object.keys(after).map((key) => [key, unit[key as keyof typeof after] ?? null]),
  ) as Prisma.InputJsonObject;
  const data: Prisma.UnitUncheckedUpdateInput = {
    ...after,
    ...(after.nameVi !== undefined ? { normalizedName: normalizeName(after.nameVi) } : {}),
  };
  await db.unit.update({ where: { id: unit.id }, data });
  await appendAudit(db, {
    ...auditActor(provenance),
    action: "unit.updated",
    entityType: "Unit",
    entityId: unit.id,
    unitId: unit.id,
    before,
    after: { ...after, by: "unitList" },
  });
}

type UnitColumns = Pick<Plan.ExistingUnit, "code" | "nameVi" | "nameEn" | "kind" | "parentId">;

/** The changes as the Unit table's columns: a parent becomes its id. */
function columnValues(
  changes: Plan.UnitChanges,
  parentId: (parent: Plan.ParentRef | null) => number | null,
): Partial<UnitColumns> {
  const { parent, ...fields } = changes;
  return parent === undefined ? fields : { ...fields, parentId: parentId(parent) };
}
