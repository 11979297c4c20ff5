// The unit list written: in one transaction the units are loaded, the list is checked
// against them (planUnitList), and, when nothing is wrong and it is not a dry run, new
// units are created, known ones updated, and the import and every change are audited.

import type { Db, DbTransaction } from "../db/prisma.js";
import { normalizeName } from "../domain/names.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { RowError } from "../import/types.js";
import type { ParsedUnitList } from "../import/unit-list.js";
import {
  byRow,
  type ExistingUnit,
  type ParentRef,
  planUnitList,
  type UnitChanges,
  type UnitCreate,
  type UnitListPlan,
  type UnitUpdate,
} from "../import/unit-list-plan.js";
import { appendAudit } from "./audit.js";

export interface UnitListProvenance {
  fileName: string;
  fileSha256: string;
  source: "BOT" | "CLI";
  actorId: number | null;
  actorLabel: string | null;
}

export interface UnitListChange {
  action: "created" | "updated";
  row: number;
  code: string;
  nameVi: string;
  /** The fields an update changes (code, nameVi, nameEn, kind, parent). */
  fields: string[];
}

export interface UnitListImportResult {
  ok: boolean;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  changes: UnitListChange[];
  errors: RowError[];
}

/** A list of thousands of units, with an audit event each, takes longer than Prisma's 5 s default. */
const TRANSACTION_TIMEOUT_MS = 120_000;

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
  constructor(private readonly db: Db) {}

  /**
   * Checks `list` against the units stored and, unless `dryRun` or anything is wrong,
   * writes it: all or nothing.
   */
  async importList(
    list: ParsedUnitList,
    options: { dryRun: boolean; provenance: UnitListProvenance },
  ): Promise<UnitListImportResult> {
    return this.db.$transaction(
      async (tx) => {
        const existing: ExistingUnit[] = await tx.unit.findMany({ select: existingSelect });
        const plan = planUnitList(list, existing);
        const errors = byRow([...list.errors, ...plan.errors]);
        const result = summarise(plan, errors);
        if (errors.length > 0 || options.dryRun) return result;
        await writePlan(tx, plan, list, options.provenance);
        return { ...result, committed: true };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
    );
  }
}

function summarise(plan: UnitListPlan, errors: RowError[]): UnitListImportResult {
  if (errors.length > 0) {
    return { ok: false, committed: false, created: 0, updated: 0, unchanged: 0, changes: [], errors };
  }
  const changes: UnitListChange[] = [
    ...plan.creates.map((unit) => ({
      action: "created" as const,
      row: unit.row,
      code: unit.code,
      nameVi: unit.nameVi,
      fields: [],
    })),
    ...plan.updates.map((update) => ({
      action: "updated" as const,
      row: update.row,
      code: update.changes.code ?? update.unit.code ?? "",
      nameVi: update.changes.nameVi ?? update.unit.nameVi,
      fields: Object.keys(update.changes),
    })),
  ].sort((a, b) => a.row - b.row);
  return {
    ok: true,
    committed: false,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    changes,
    errors: [],
  };
}

type Actor = Pick<UnitListProvenance, "actorId" | "actorLabel">;

function auditActor(provenance: Actor) {
  return {
    actorId: provenance.actorId,
    ...(provenance.actorLabel ? { actorLabel: provenance.actorLabel } : {}),
  };
}

async function writePlan(
  tx: DbTransaction,
  plan: UnitListPlan,
  list: ParsedUnitList,
  provenance: UnitListProvenance,
): Promise<void> {
  const createdIds = new Map<string, number>();
  const parentId = (parent: ParentRef | null): number | null => {
    if (parent === null) return null;
    if ("id" in parent) return parent.id;
    const id = createdIds.get(parent.code);
    if (id === undefined) throw new Error(`unit ${parent.code} is created after its children`);
    return id;
  };
  for (const unit of plan.creates)
    createdIds.set(unit.code, await createUnit(tx, unit, parentId, provenance));
  for (const update of plan.updates) await updateUnit(tx, update, parentId, provenance);

  const summary = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
  const batch = await tx.importBatch.create({
    data: {
      kind: "UNIT_LIST",
      source: provenance.source,
      fileName: provenance.fileName,
      fileSha256: provenance.fileSha256,
      importedById: provenance.actorId,
      rowCount: list.rowCount,
      summary,
    },
  });
  await appendAudit(tx, {
    ...auditActor(provenance),
    action: "unit.listImported",
    entityType: "ImportBatch",
    entityId: batch.id,
    after: { ...summary, fileName: provenance.fileName, fileSha256: provenance.fileSha256 },
  });
}

async function createUnit(
  tx: DbTransaction,
  unit: UnitCreate,
  parentId: (parent: ParentRef | null) => number | null,
  provenance: Actor,
): Promise<number> {
  const data = {
    code: unit.code,
    nameVi: unit.nameVi,
    nameEn: unit.nameEn,
    kind: unit.kind,
    parentId: parentId(unit.parent),
  };
  const created = await tx.unit.create({
    data: { ...data, normalizedName: unit.normalizedName },
    select: { id: true },
  });
  await appendAudit(tx, {
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
  tx: DbTransaction,
  { unit, changes }: UnitUpdate,
  parentId: (parent: ParentRef | null) => number | null,
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
  await tx.unit.update({ where: { id: unit.id }, data });
  await appendAudit(tx, {
    ...auditActor(provenance),
    action: "unit.updated",
    entityType: "Unit",
    entityId: unit.id,
    unitId: unit.id,
    before,
    after: { ...after, by: "unitList" },
  });
}

type UnitColumns = Pick<ExistingUnit, "code" | "nameVi" | "nameEn" | "kind" | "parentId">;

/** The changes as the Unit table's columns: a parent becomes its id. */
function columnValues(
  changes: UnitChanges,
  parentId: (parent: ParentRef | null) => number | null,
): Partial<UnitColumns> {
  const { parent, ...fields } = changes;
  return parent === undefined ? fields : { ...fields, parentId: parentId(parent) };
}
