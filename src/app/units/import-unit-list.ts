// The Center's unit list imported (by the CLI today): read and checked without the database
// (src/import), then in one transaction checked against the units stored (planUnitList) and,
// unless it is a dry run or anything is wrong, written: all or nothing.
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import type { RowError } from "../../import/types.js";
import type { ParsedUnitList } from "../../import/unit-list.js";
import { byRow, planUnitList, type UnitListPlan } from "../../import/unit-list-plan.js";
import { type UnitListProvenance, UnitListRepository } from "../../repositories/unit-list.js";
import type { AppContext } from "../context.js";

export interface UnitListChange {
  action: "created" | "updated";
  row: number;
  code: string;
  nameVi: string;
  /** The fields an update changes (code, nameVi, nameEn, kind, parent). */
  fields: string[];
}

export interface UnitListSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** In file order. */
  changes: UnitListChange[];
}

export interface ImportUnitListInput {
  /** A person importing through the bot, or a system actor's label ("cli"). */
  by: { actor: Actor } | { actorLabel: string };
  list: ParsedUnitList;
  /** Check only: what would change, nothing written. */
  dryRun: boolean;
  file: Pick<UnitListProvenance, "fileName" | "fileSha256" | "source">;
}

export type ImportUnitListOutcome =
  /** Written, with one import batch and an audit event for each unit. */
  | ({ kind: "done" } & UnitListSummary)
  /** A dry run of a list without errors: what it would do. */
  | ({ kind: "checked" } & UnitListSummary)
  /** Something is wrong with the list (or with it against the units stored): nothing written. */
  | { kind: "rejected"; errors: RowError[] }
  | { kind: "forbidden" };

/** A list of thousands of units, with an audit event each, takes longer than Prisma's 5 s default. */
const TRANSACTION_TIMEOUT_MS = 120_000;

export async function importUnitList(
  app: AppContext,
  input: ImportUnitListInput,
): Promise<ImportUnitListOutcome> {
  if ("actor" in input.by && !can(input.by.actor, "unit.manage", { unitId: null }))
    return { kind: "forbidden" };
  const provenance: UnitListProvenance = {
    ...input.file,
    ...("actor" in input.by
      ? { actorId: input.by.actor.personId, actorLabel: null }
      : { actorId: null, actorLabel: input.by.actorLabel }),
  };
  return inTransaction(
    app.db,
    async (tx) => {
      const units = new UnitListRepository(tx);
      const plan = planUnitList(input.list, await units.existingUnits());
      const errors = byRow([...input.list.errors, ...plan.errors]);
      if (errors.length > 0) return { kind: "rejected", errors };
      if (input.dryRun) return { kind: "checked", ...summarise(plan) };
      await units.write(plan, input.list.rowCount, provenance);
      return { kind: "done", ...summarise(plan) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

function summarise(plan: UnitListPlan): UnitListSummary {
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
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    changes,
  };
}
