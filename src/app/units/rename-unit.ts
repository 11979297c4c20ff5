// A Center admin renames a unit, found by its code (/units rename CODE | New name).
import { inTransaction } from "../../db/transaction.js";
import { type Actor, can } from "../../domain/policy.js";
import { isUniqueViolation } from "../../repositories/errors.js";
import { UnitsRepository } from "../../repositories/units.js";
import type { AppContext } from "../context.js";
import { changeUnit, type UnitChange } from "./unit-change.js";

export interface RenameUnitInput {
  actor: Actor;
  code: string;
  nameVi: string;
}

export type RenameUnitOutcome =
  | UnitChange
  /** Another unit has the name. */
  | { kind: "duplicate" }
  | { kind: "unknownCode" }
  | { kind: "forbidden" };

export async function renameUnit(app: AppContext, input: RenameUnitInput): Promise<RenameUnitOutcome> {
  try {
    return await inTransaction(app.db, async (tx): Promise<RenameUnitOutcome> => {
      const units = new UnitsRepository(tx);
      const unit = await units.findByCode(input.code);
      if (!can(input.actor, "unit.manage", { unitId: unit?.id ?? null })) return { kind: "forbidden" };
      if (!unit) return { kind: "unknownCode" };
      // The English name was a translation of the old name: it goes with it.
      return changeUnit(tx, units, {
        unitId: unit.id,
        actorId: input.actor.personId,
        action: "unit.renamed",
        fields: { nameVi: input.nameVi, nameEn: null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: "duplicate" };
    throw error;
  }
}
